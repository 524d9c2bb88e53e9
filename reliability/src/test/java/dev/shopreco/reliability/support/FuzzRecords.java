package dev.shopreco.reliability.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random records for the topology fuzz test: raw bytes, random JSON (extreme numbers, all of
 * unicode, control characters, nesting, repeated keys, trailing content) and valid lines of the data
 * set with one defect. Which of them are bad is for the caller to decide, with the stage's own reader.
 */
public final class FuzzRecords {

    private static final List<String> FIELDS = List.of("session_id", "timestamp", "user_id", "product_id",
            "event_type", "offered_discount", "purchase_id", "product_name", "category_path", "name", "id",
            "experiment", "variant", "rule", "products", "as_of", "strength", "weights");
    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "1e9999999999", "1e-9999999999", "NaN",
            "Infinity", "9223372036854775808", "-1", "0", "1.5", "101.0", "1e19", "00", "-0", "9".repeat(1200));

    private final SplittableRandom random;

    public FuzzRecords(final long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One record: raw bytes, random JSON, or {@code valid} with one defect (any of them may still be valid). */
    public byte[] next(final String valid) {
        return switch (random.nextInt(4)) {
            case 0 -> bytes();
            case 1 -> value(3).getBytes(StandardCharsets.UTF_8);
            default -> mutate(valid).getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] bytes() {
        final byte[] bytes = new byte[random.nextInt(200)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private String mutate(final String valid) {
        return switch (random.nextInt(6)) {
            case 0 -> valid + pick(List.of("{\"session_id\":17}", " trailing", " 1", "}", " NaN", "{}"));
            case 1 -> "{\"" + field(valid) + "\":" + value(1) + "," + valid.substring(1);
            case 2 -> valid.substring(0, random.nextInt(valid.length()));
            case 3 -> valid.substring(0, valid.length() - 1) + ",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";
            case 4 -> replace(valid, field(valid), pick(NUMBERS));
            default -> replace(valid, field(valid), value(2));
        };
    }

    /** One of the fields of {@code valid} (a flat JSON object). */
    private String field(final String valid) {
        final String[] parts = valid.substring(1).split(",\\s*\"");
        final String part = parts[random.nextInt(parts.length)];
        final String p = part.startsWith("\"") ? part.substring(1) : part;
        return p.substring(0, Math.max(0, p.indexOf('"')));
    }

    private static String replace(final String valid, final String field, final String value) {
        final int at = valid.indexOf("\"" + field + "\":");
        if (at < 0) {
            return valid;
        }
        int start = at + field.length() + 3;
        while (start < valid.length() && valid.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        if (end < valid.length() && valid.charAt(end) == '"') {
            end = valid.indexOf('"', end + 1) + 1;
        } else {
            while (end < valid.length() && valid.charAt(end) != ',' && valid.charAt(end) != '}') {
                end++;
            }
        }
        return valid.substring(0, start) + value + valid.substring(end);
    }

    private String value(final int depth) {
        final int kind = random.nextInt(depth == 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> pick(NUMBERS);
            case 1 -> Long.toString(random.nextLong());
            case 2 -> string();
            case 3 -> pick(List.of("true", "false", "null"));
            case 4 -> {
                final StringBuilder out = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    out.append(value(depth - 1)).append(i > 1 ? "," : "");
                }
                yield out.append(']').toString();
            }
            default -> {
                final StringBuilder out = new StringBuilder("{");
                for (int i = random.nextInt(6); i > 0; i--) {
                    out.append('"').append(pick(FIELDS)).append("\":").append(value(depth - 1)).append(i > 1 ? "," : "");
                }
                yield out.append('}').toString();
            }
        };
    }

    /** A JSON string: escaped unicode (lone surrogates too), raw control characters, or long text. */
    private String string() {
        final StringBuilder out = new StringBuilder("\"");
        final int length = random.nextInt(10) == 0 ? 5_000 + random.nextInt(20_000) : random.nextInt(30);
        for (int i = 0; i < length; i++) {
            final char c = (char) (random.nextInt(8) == 0 ? random.nextInt(0x10000) : 'a' + random.nextInt(26));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 && random.nextBoolean()) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private String pick(final List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
