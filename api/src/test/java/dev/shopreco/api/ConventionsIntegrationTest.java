package dev.shopreco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.streams.model.Recommenders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API's conventions through real HTTP on an instance over a real broker, with an API key and a
 * CORS origin configured: the key on the protected endpoints only, CORS for the configured origin
 * only, the OpenAPI document and Swagger UI served from the jar.
 */
class ConventionsIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String KEY = "s3cret-key";
    private static final String SHOP = "https://shop.example";

    private static ApiInstance api;
    private static Http http;

    @BeforeAll
    static void start() {
        ShopData.replayFixture(KAFKA.bootstrapServers());
        api = ApiInstance.start(KAFKA.bootstrapServers(), Map.of("access.api-key", KEY,
                "access.allowed-origins", SHOP)).awaitReady();
        http = api.http();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void shouldAskForTheApiKeyOnTheProtectedEndpointsOnly() {
        for (final String path : List.of("/users/101/profile", "/state/clock", "/experiments/seed")) {
            final Http.Response without = http.get(path);
            assertEquals(401, without.status(), path);
            assertEquals("application/problem+json", without.header("content-type").orElse(""), path);
            assertEquals("This endpoint needs the API key in X-API-Key", without.json().get("detail").asText());
            assertTrue(without.header("www-authenticate").orElse("").startsWith("ApiKey"), path);
            assertEquals(401, http.get(path, "X-API-Key", "wrong").status(), path);
            assertTrue(http.get(path, "X-API-Key", KEY).status() < 400, path);
        }
        final String event = new ShopData.Event(700_001, java.time.LocalDateTime.of(2021, 3, 1, 12, 0), 101, 1001,
                "VIEW_PRODUCT").line();
        assertEquals(401, http.post("/events", event).status());
        assertEquals(202, http.post("/events", event, "X-API-Key", KEY).status());
        for (final String open : List.of("/models/user/101", "/models/RANDOM/user/101", "/products/popular",
                "/products/1001/similar", "/health/liveness", "/openapi.yml")) {
            assertTrue(http.get(open).status() < 400, open + " needs no key");
        }
    }

    @Test
    void shouldAllowTheConfiguredOriginOnly() {
        final Http.Response preflight = http.request("OPTIONS", "/models/user/101", "Origin", SHOP,
                "Access-Control-Request-Method", "GET");
        assertEquals(200, preflight.status());
        assertEquals(SHOP, preflight.header("access-control-allow-origin").orElse(""));
        final Http.Response get = http.get("/models/user/101", "Origin", SHOP);
        assertEquals(SHOP, get.header("access-control-allow-origin").orElse(""));
        final Http.Response other = http.get("/models/user/101", "Origin", "https://elsewhere.example");
        assertTrue(other.header("access-control-allow-origin").isEmpty(), other.raw().headers().toString());
    }

    @SuppressWarnings("unchecked")
    private static Object at(final Map<String, Object> document, final String... keys) {
        Object node = document;
        for (final String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    @Test
    void shouldServeTheOpenApiDocumentAsYamlAndSwaggerUiWithoutACdn() {
        final Http.Response spec = http.get("/openapi.yml");
        assertEquals(200, spec.status());
        assertEquals("application/yaml", spec.header("content-type").orElse(""));
        for (final String path : List.of("/models/user/{userId}:", "/models/{model}/user/{userId}:",
                "/products/{productId}/similar:", "/events:", "/recommendations:", "/products/popular:")) {
            assertTrue(spec.body().contains(path), path);
        }
        final Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(spec.body());
        assertTrue(at(document, "paths", "/models/{model}/user/{userId}", "get", "description").toString()
                .contains(Recommenders.NAMES), "the model names from the one list");
        final Http.Response ui = http.get("/swagger-ui/index.html");
        assertEquals(200, ui.status());
        assertTrue(ui.header("content-type").orElse("").startsWith("text/html"));
        assertFalse(ui.body().contains("https://") || ui.body().contains("http://"), "nothing from another host");
        assertTrue(ui.body().contains("swagger-ui-bundle.js"));
        final Http.Response bundle = http.get("/swagger-ui/res/swagger-ui-bundle.js");
        assertEquals(200, bundle.status());
        assertTrue(bundle.body().length() > 100_000, "the script itself, from the jar");
    }
}
