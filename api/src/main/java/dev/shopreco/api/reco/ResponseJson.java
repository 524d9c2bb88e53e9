package dev.shopreco.api.reco;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link RecommendationResponse} as the JSON bytes the serde would write (same fields, same order,
 * a null variant written as {@code null}), written directly instead of by the serde's generic object
 * walk, which is costly on a request path whose answers are kept.
 * {@code ResponseJsonTest} holds it to the serde's output.
 */
public final class ResponseJson {

    private ResponseJson() {
    }

    /** The response as UTF-8 JSON. */
    public static byte[] bytes(final RecommendationResponse response) {
        final List<Long> products = response.products();
        final StringBuilder json = new StringBuilder(112 + 6 * products.size());
        json.append("{\"id\":");
        string(json, response.id());
        json.append(",\"date\":");
        string(json, response.date());
        json.append(",\"user_id\":").append(response.userId()).append(",\"model\":");
        string(json, response.model());
        json.append(",\"products\":[");
        for (int i = 0; i < products.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(products.get(i).longValue());
        }
        json.append("],\"variant\":");
        string(json, response.variant());
        json.append(",\"fallback\":").append(response.fallback()).append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string (RFC 8259 escapes), or {@code null}. */
    static void string(final StringBuilder json, final String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
