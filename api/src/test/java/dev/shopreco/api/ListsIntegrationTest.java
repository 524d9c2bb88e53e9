package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.api.http.RequestIds;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ServedTopic;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.model.PopularityRecommender;
import dev.shopreco.streams.model.ProductFilter;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.model.SimilarProducts;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.topology.StreamsSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The list filters ({@code category}, {@code exclude}, {@code exclusion}) and similar products
 * through real HTTP on one instance over a real broker, against the batch computation of the same
 * lists on the replayed fixture.
 */
class ListsIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    /** A filter as a query string and as the batch models take it. */
    private record Case(String query, ProductFilter products, Exclusion exclusion) {
    }

    private static final List<Case> CASES = List.of(
            new Case("category=" + encode("Monitory"), ProductFilter.of("Monitory", Set.of()), Exclusion.PURCHASED),
            new Case("category=" + encode("gry i konsole;GRY NA KONSOLE") + "&exclude=1001,1002",
                    ProductFilter.of("gry i konsole;gry na konsole", Set.of(1001L, 1002L)), Exclusion.PURCHASED),
            new Case("exclude=1009&exclude=1010,1013", ProductFilter.of(null, Set.of(1009L, 1010L, 1013L)),
                    Exclusion.PURCHASED),
            new Case("exclusion=none&category=" + encode("Telefony komórkowe"),
                    ProductFilter.of("Telefony komórkowe", Set.of()), Exclusion.NONE),
            new Case("exclusion=INTERACTED", ProductFilter.NONE, Exclusion.INTERACTED));

    private static ApiInstance api;
    private static Http http;
    private static ReferenceResult batch;

    @BeforeAll
    static void start() {
        ShopData.replayFixture(KAFKA.bootstrapServers());
        api = ApiInstance.start(KAFKA.bootstrapServers()).awaitReady();
        http = api.http();
        // open sessions stay open, as the topology holds them
        batch = BatchReference.fromFolder(ShopData.fixture(), ReferenceOptions.of(StreamsSettings.defaults(), false));
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            final Http.Response r = http.get("/models/item-ease/user/101");
            return r.status() == 200 && !r.json().get("fallback").asBoolean();
        });
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String encode(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Long> ids(final JsonNode body) {
        final List<Long> ids = new ArrayList<>();
        body.get("products").forEach(p -> ids.add(p.isObject() ? p.get("product_id").asLong() : p.asLong()));
        return ids;
    }

    @Test
    void shouldServeTheFilteredListsOfTheBatchComputation() {
        // RECO_RANDOM_SEED's default
        final Map<String, Recommender> models = Recommenders.all(batch.state(), 1);
        for (final String model : Recommenders.names()) {
            for (final long user : List.of(101L, 107L, 551L, 563L, 987654L)) {
                for (final Case filter : CASES) {
                    final String path = "/models/" + model + "/user/" + user + "?n=5&" + filter.query();
                    final List<Long> expected = models.get(model).recommend(user, 5, filter.exclusion(),
                            filter.products()).productIds();
                    // the Gram rows and popularity follow the replay by a flush: wait until they hold still
                    await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                            .untilAsserted(() -> assertEquals(expected, ids(http.get(path).json()), path));
                }
            }
        }
    }

    @Test
    void shouldFilterTheSeedsEndpointAndThePopularList() {
        final List<Long> monitors = List.of(1009L, 1010L, 1011L, 1012L);
        final JsonNode seed = http.get("/models/user/101?n=10&category=monitory").json();
        assertEquals("POPULARITY", seed.get("model").asText());
        assertEquals(Set.copyOf(monitors), Set.copyOf(ids(seed)), "four monitors, never padded with others");
        final ProductFilter filter = ProductFilter.of("Gry na konsole", Set.of(1003L));
        final List<Long> expected = PopularityRecommender.popular(batch.state(), 3, filter).stream()
                .map(ScoredProduct::productId).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(expected,
                ids(http.get("/products/popular?n=3&exclude=1003&category=" + encode("Gry na konsole")).json())));
        assertEquals(List.of(), ids(http.get("/models/user/563?category=" + encode("No such level")).json()));
    }

    @Test
    void shouldRecordTheFiltersInTheServedLog() {
        final String id = "filters-" + System.nanoTime();
        final Http.Response response = http.get("/models/CONTENT_BASE/user/563?category=Monitory&exclude=1012,1009"
                + "&exclusion=interacted", RequestIds.HEADER, id);
        assertEquals(200, response.status());
        final String plain = "plain-" + System.nanoTime();
        http.get("/models/user/563", RequestIds.HEADER, plain);
        try (ServedTopic served = new ServedTopic(KAFKA.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> served.poll().stream()
                    .filter(r -> Set.of(id, plain).contains(r.value().get("request_id").asText())).count() == 2);
            final JsonNode filtered = served.poll().stream().map(ServedTopic.Served::value)
                    .filter(v -> v.get("request_id").asText().equals(id)).findFirst().orElseThrow().get("filters");
            assertEquals("monitory", filtered.get("category").asText());
            assertEquals("[1009,1012]", filtered.get("exclude").toString());
            assertEquals("INTERACTED", filtered.get("exclusion").asText());
            final JsonNode none = served.poll().stream().map(ServedTopic.Served::value)
                    .filter(v -> v.get("request_id").asText().equals(plain)).findFirst().orElseThrow().get("filters");
            assertTrue(none.get("category").isNull(), none.toString());
            assertEquals(0, none.get("exclude").size());
            assertEquals("PURCHASED", none.get("exclusion").asText(), "the configured exclusion");
        }
    }

    @Test
    void shouldRefuseBadFiltersWithA400Problem() {
        for (final String path : List.of("/models/user/101?exclude=abc", "/models/user/101?exclude=0",
                "/models/user/101?exclude=1001,-5", "/models/user/101?exclusion=SOME",
                "/models/RANDOM/user/101?category=" + "x".repeat(301), "/products/popular?exclusion=NONE",
                "/products/popular?exclude=99999999999999999999")) {
            final Http.Response response = http.get(path);
            assertEquals(400, response.status(), path);
            assertEquals("application/problem+json", response.header("content-type").orElse(""), path);
        }
        assertEquals("exclusion must be one of [NONE, PURCHASED, INTERACTED], got 'SOME'",
                http.get("/models/user/101?exclusion=SOME").json().get("detail").asText());
    }

    @Test
    void shouldServeSimilarProductsOfTheBatchComputation() {
        final SimilarProducts expected = new SimilarProducts(batch.state(), ModelSettings.DEFAULT,
                ItemEaseFits.lazy(batch.state(), ModelSettings.DEFAULT.itemEase().maxProducts()));
        for (final String model : SimilarProducts.models()) {
            for (final long product : List.of(1001L, 1009L, 1013L, 1016L)) {
                for (final String filter : List.of("", "&category=" + encode("Gry i konsole"), "&exclude=1010,1002")) {
                    final String path = "/products/" + product + "/similar?n=5&model=" + model.toLowerCase() + filter;
                    final ProductFilter products = filter.isEmpty() ? ProductFilter.NONE : filter.contains("category")
                            ? ProductFilter.of("Gry i konsole", Set.of()) : ProductFilter.of(null, Set.of(1010L, 1002L));
                    final SimilarProducts.Similar similar = expected.similar(model, product, 5, products);
                    await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                            .untilAsserted(() -> {
                        final JsonNode body = http.get(path).json();
                        assertEquals(similar.productIds(), ids(body), path);
                        assertEquals(similar.fallback(), body.get("fallback").asBoolean(), path);
                        assertEquals(model, body.get("model").asText(), path);
                        assertEquals(product, body.get("product_id").asLong(), path);
                    });
                }
            }
        }
        assertEquals("HYBRID", http.get("/products/1001/similar").json().get("model").asText(), "the default");
        assertEquals(10, http.get("/products/1001/similar").json().get("products").size());
    }

    @Test
    void shouldAnswerSimilarProductsErrorsAsProblems() {
        final Http.Response unknown = http.get("/products/4242/similar");
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.header("content-type").orElse(""));
        assertEquals("Unknown product 4242: not in the catalog", unknown.json().get("detail").asText());
        for (final String path : List.of("/products/abc/similar", "/products/0/similar", "/products/1001/similar?n=0",
                "/products/1001/similar?model=POPULARITY", "/products/1001/similar?exclude=x")) {
            final Http.Response response = http.get(path);
            assertEquals(400, response.status(), path);
            assertEquals("application/problem+json", response.header("content-type").orElse(""), path);
        }
        assertEquals("model must be one of [ITEM_EASE, CONTENT_BASE, HYBRID], got 'POPULARITY'",
                http.get("/products/1001/similar?model=POPULARITY").json().get("detail").asText());
    }

    @Test
    void shouldFlagThePopularityFallbackForAProductWithoutSignal() {
        // the fixture's product nobody touched has no EASE weights
        final long untouched = ShopData.untouchedProduct(batch);
        final JsonNode body = http.get("/products/" + untouched + "/similar?model=ITEM_EASE&n=3").json();
        assertTrue(body.get("fallback").asBoolean(), body.toString());
        assertEquals(3, body.get("products").size());
    }
}
