package dev.shopreco.api.reco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteWhatTheSerdeWritesFieldForFieldInOrder() throws Exception {
        final RecommendationResponse response = new RecommendationResponse("6f1c2a0e-3c1b-4b8e-9a57-2f0b7c9d1e11",
                "2026-11-28 09:15:02", 551, "CONTENT_BASE", List.of(1139L, 1300L, 1097L), "CONTENT_BASE", false);
        final RecommendationResponse explicit = new RecommendationResponse("x", "2026-11-28 09:15:02", 0,
                "RANDOM", List.of(), null, true);
        try (ApplicationContext context = ApplicationContext.run(Map.of("micronaut.serde.serialization.inclusion",
                "always"))) {
            final io.micronaut.serde.ObjectMapper serde = context.getBean(io.micronaut.serde.ObjectMapper.class);
            for (final RecommendationResponse r : List.of(response, explicit)) {
                final String ours = new String(ResponseJson.bytes(r), StandardCharsets.UTF_8);
                assertEquals(serde.writeValueAsString(r), ours);
            }
        }
    }

    @Test
    void shouldEscapeWhatAConfiguredVariantNameMayContain() throws Exception {
        final String variant = "a \"quoted\" \\ name\twith\nbreaks \u0001 and ünïcode";
        final JsonNode parsed = JSON.readTree(ResponseJson.bytes(new RecommendationResponse("id", "d", 1, "POPULARITY",
                List.of(1001L), variant, false)));
        assertEquals(variant, parsed.get("variant").asText());
        final List<String> fields = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "date", "user_id", "model", "products", "variant", "fallback"), fields);
        assertTrue(parsed.get("products").get(0).isIntegralNumber());
    }
}
