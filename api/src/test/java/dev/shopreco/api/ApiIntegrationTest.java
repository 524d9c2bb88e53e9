package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.api.experiment.HashRule;
import dev.shopreco.api.experiment.WeightedVariant;
import dev.shopreco.api.http.RequestIds;
import dev.shopreco.api.reco.Models;
import dev.shopreco.api.reco.RecoSettings;
import dev.shopreco.api.support.AccessLog;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ServedTopic;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnRecommender;
import dev.shopreco.streams.model.UserKnnSettings;
import dev.shopreco.streams.state.RecoStateView;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One API instance over a real broker, through real HTTP: the contract, routing, errors, the served log, freshness. */
class ApiIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static ApiInstance api;
    private static Http http;

    @BeforeAll
    static void start() {
        ShopData.replayFixture(KAFKA.bootstrapServers());
        api = ApiInstance.start(KAFKA.bootstrapServers()).awaitReady();
        http = api.http();
        // the replayed history has reached the stores: every user of the fixture is known, and the
        // popularity top list (two repartitions downstream of the users' state) has caught up too
        await().atMost(Duration.ofSeconds(90)).until(() -> allUsersKnown() && popularListFull());
    }

    private static boolean popularListFull() {
        final Http.Response r = http.get("/products/popular?n=10");
        return r.status() == 200 && r.json().get("products").size() == 10;
    }

    private static boolean allUsersKnown() {
        for (final long user : ShopData.USERS) {
            final Http.Response r = http.get("/models/user/" + user);
            if (r.status() != 200 || r.json().get("fallback").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void shouldAnswerTheSeedsContract() {
        final Http.Response response = http.get("/models/user/101");
        assertEquals(200, response.status());
        assertTrue(response.header("content-type").orElse("").startsWith("application/json"));
        final JsonNode body = response.json();
        final Set<String> fields = new HashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("id", "date", "user_id", "model", "products", "variant", "fallback"), fields);
        UUID.fromString(body.get("id").asText());
        LocalDateTime.parse(body.get("date").asText(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertEquals(101, body.get("user_id").asLong());
        assertTrue(body.get("user_id").isIntegralNumber());
        assertEquals("POPULARITY", body.get("model").asText());
        assertEquals(10, body.get("products").size());
        body.get("products").forEach(p -> assertTrue(p.isIntegralNumber() && p.asLong() >= 1001));
        assertEquals(10, ids(body).stream().distinct().count(), "no product twice");
        assertFalse(body.get("fallback").asBoolean());
        assertNotEquals(body.get("id"), http.get("/models/user/101").json().get("id"), "every answer has its own id");
    }

    @Test
    void shouldRouteBySeedsThresholdRule() {
        for (final long user : ShopData.USERS) {
            final JsonNode body = http.get("/models/user/" + user).json();
            final String expected = user > 550 ? "CONTENT_BASE" : "POPULARITY";
            assertEquals(expected, body.get("model").asText(), "user " + user);
            assertEquals(expected, body.get("variant").asText(), "user " + user);
        }
    }

    @Test
    void shouldRouteByTheHashRuleWhenConfigured() {
        final String variants = "pop:POPULARITY=20,cb:CONTENT_BASE=20,ease:ITEM_EASE=20,knn:USER_KNN=20,hyb:HYBRID=20";
        // a second, independent instance (its own application id) with the hash rule
        try (ApiInstance hashed = ApiInstance.start(KAFKA.bootstrapServers(), Map.of(
                "streams.application-id", "shop-reco-hash",
                "experiment.name", "hash-test",
                "experiment.rule", "hash",
                "experiment.hash.salt", "s1",
                "experiment.hash.variants", variants)).awaitReady()) {
            final HashRule rule = new HashRule("s1", WeightedVariant.parseList(variants));
            final Set<String> seen = new HashSet<>();
            for (final long user : ShopData.USERS) {
                final JsonNode body = hashed.http().get("/models/user/" + user).json();
                assertEquals(rule.variantOf(user).name(), body.get("variant").asText(), "user " + user);
                assertEquals(rule.variantOf(user).model(), body.get("model").asText(), "user " + user);
                assertEquals(body.get("variant"), hashed.http().get("/models/user/" + user).json().get("variant"),
                        "sticky");
                seen.add(body.get("variant").asText());
            }
            assertEquals(Set.of("pop", "cb", "ease", "knn", "hyb"), seen, "40 users reach every arm");
        }
    }

    @Test
    void shouldHonourTheRequestedLength() {
        assertEquals(3, http.get("/models/user/101?n=3").json().get("products").size());
        assertEquals(1, http.get("/models/user/560?n=1").json().get("products").size());
        final JsonNode all = http.get("/models/RANDOM/user/101?n=100").json();
        assertTrue(all.get("products").size() > 10, "more than the default when asked");
        assertEquals(all.get("products").size(), ids(all).stream().distinct().count());
    }

    @Test
    void shouldServeAChosenModelOutsideTheExperiment() {
        final JsonNode random = http.get("/models/random/user/101").json();
        assertEquals("RANDOM", random.get("model").asText());
        assertTrue(random.get("variant").isNull());
        assertEquals(10, random.get("products").size());
        assertEquals(ids(random), ids(http.get("/models/RANDOM/user/101").json()), "seeded per user");
        assertEquals("CONTENT_BASE", http.get("/models/content-base/user/101").json().get("model").asText());
    }

    @Test
    void shouldServeItemEaseOnceFittedOnTheTopologysGramRows() {
        // the Gram rows follow the users' state by one flush, the fit by one refit interval (1 s each here)
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            final Http.Response r = http.get("/models/item-ease/user/101");
            return r.status() == 200 && !r.json().get("fallback").asBoolean();
        });
        final Set<List<Long>> lists = new HashSet<>();
        for (final long user : ShopData.USERS) {
            final JsonNode answer = http.get("/models/ITEM_EASE/user/" + user).json();
            assertEquals("ITEM_EASE", answer.get("model").asText());
            assertFalse(answer.get("fallback").asBoolean(), "user " + user + " has a history: " + answer);
            assertEquals(10, answer.get("products").size());
            lists.add(ids(answer));
        }
        assertTrue(lists.size() > ShopData.USERS.length / 2,
                "personal lists, not one list for everyone: " + lists.size() + " distinct of " + ShopData.USERS.length);
        assertTrue(http.get("/models/item-ease/user/999999").json().get("fallback").asBoolean(),
                "a user without history gets the popularity fallback");
        final JsonNode hybrid = http.get("/models/hybrid/user/101").json();
        assertEquals("HYBRID", hybrid.get("model").asText());
        assertFalse(hybrid.get("fallback").asBoolean(), hybrid.toString());
        assertEquals(10, hybrid.get("products").size());
    }

    @Test
    void shouldServeUserKnnAsTheOfflineFitOfTheSamePostings() {
        // the postings follow the users' state by one Gram flush, the matrix by one refit (1 s each here)
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            final Http.Response r = http.get("/models/user-knn/user/101");
            return r.status() == 200 && !r.json().get("fallback").asBoolean();
        });
        final Models models = api.context().getBean(Models.class);
        final UserKnnSettings settings = api.context().getBean(ModelSettings.class).userKnn();
        final Exclusion exclusion = api.context().getBean(RecoSettings.class).exclusion();
        final Set<List<Long>> lists = new HashSet<>();
        for (final long user : ShopData.USERS) {
            // every user gets the list the evaluator's fit (lists kept once computed) gives on the same
            // published postings (the state may still move under another test's events: wait for a match)
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).untilAsserted(() -> {
                final JsonNode answer = http.get("/models/USER_KNN/user/" + user).json();
                assertEquals("USER_KNN", answer.get("model").asText());
                assertFalse(answer.get("fallback").asBoolean(), "user " + user + " has neighbours: " + answer);
                final RecoStateView view = models.view();
                final Recommender onDemand = new UserKnnRecommender(view, settings,
                        UserKnnFits.lazy(view, Recommenders.maxNeighbours(settings)));
                assertEquals(onDemand.recommend(user, 10, exclusion).productIds(), ids(answer), "user " + user);
            });
            lists.add(ids(http.get("/models/user-knn/user/" + user).json()));
        }
        assertTrue(lists.size() > ShopData.USERS.length / 2,
                "personal lists, not one list for everyone: " + lists.size() + " distinct of " + ShopData.USERS.length);
        assertTrue(http.get("/models/user-knn/user/999999").json().get("fallback").asBoolean(),
                "a user without history gets the popularity fallback");
    }

    @Test
    void shouldServeThePopularityFallbackToAnUnknownUser() {
        // the popularity top list may still be settling (two repartitions downstream of the replay):
        // the two reads must agree once it holds still, not at one arbitrary instant
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            final JsonNode unknown = http.get("/models/user/987654").json();
            assertEquals("CONTENT_BASE", unknown.get("model").asText());
            assertTrue(unknown.get("fallback").asBoolean());
            final List<Long> popular = new ArrayList<>();
            http.get("/products/popular?n=10").json().get("products")
                    .forEach(p -> popular.add(p.get("product_id").asLong()));
            assertEquals(popular, ids(unknown), "the popularity list, as /products/popular has it");
        });
        assertTrue(http.get("/models/user/0").json().get("fallback").asBoolean());
    }

    @Test
    void shouldAnswerBadRequestsWithA400JsonBody() {
        for (final String path : List.of("/models/user/abc", "/models/user/-1", "/models/user/1.5",
                "/models/user/99999999999999999999", "/models/user/101?n=0", "/models/user/101?n=101",
                "/models/user/101?n=ten", "/models/POPULARITY/user/x", "/users/-3/profile", "/products/popular?n=-1",
                "/models/user/%20")) {
            final Http.Response response = http.get(path);
            assertEquals(400, response.status(), path);
            assertProblem(response, 400, "Bad Request", path);
        }
        final JsonNode problem = http.get("/models/user/101?n=0").json();
        assertEquals("n must be an integer from 1 to 100, got '0'", problem.get("detail").asText());
        assertEquals("/models/user/101", problem.get("instance").asText());
        assertEquals("about:blank", problem.path("type").asText("about:blank"), "the status says it all");
    }

    /** An RFC 9457 body: problem+json, status and title of the HTTP status, a detail, the path, the request id. */
    private static void assertProblem(final Http.Response response, final int status, final String title,
            final String what) {
        assertEquals("application/problem+json", response.header("content-type").orElse(""), what);
        final JsonNode body = response.json();
        assertEquals(status, body.get("status").asInt(), what);
        assertEquals(title, body.get("title").asText(), what);
        assertFalse(body.get("detail").asText().isBlank(), what);
        assertTrue(body.hasNonNull("instance"), what);
        assertEquals(response.header(RequestIds.HEADER).orElseThrow(), body.get("request_id").asText(), what);
    }

    @Test
    void shouldAnswerUnknownModelsAndRoutesWith404AndNothingWith5xx() {
        final Http.Response model = http.get("/models/NOPE/user/101");
        assertEquals(404, model.status());
        assertProblem(model, 404, "Not Found", "unknown model");
        assertTrue(model.json().get("detail").asText().contains("NOPE"));
        final Http.Response route = http.get("/no/such/route");
        assertProblem(route, 404, "Not Found", "unknown route");
        assertEquals("/no/such/route", route.json().get("instance").asText());
        final Http.Response method = http.method("POST", "/models/user/101");
        assertEquals(405, method.status());
        assertProblem(method, 405, "Method Not Allowed", "wrong method");
        for (final String path : List.of("/models/user/%00", "/models/%2e%2e/user/1", "/models/user/101?n=%ff",
                "/users/abc/profile", "/models/user/" + "9".repeat(5000), "/models//user/1")) {
            final Http.Response response = http.get(path);
            assertTrue(response.status() < 500, path + " gave " + response.status());
            assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), path);
        }
    }

    @Test
    void shouldCarryARequestIdInTheResponseTheAccessLogAndTheServedLog() {
        final AccessLog access = AccessLog.attach();
        try {
            final Http.Response mine = http.get("/models/user/102", RequestIds.HEADER, "shop-trace-42");
            assertEquals("shop-trace-42", mine.header(RequestIds.HEADER).orElse(""), "the client's id is kept");
            final Http.Response made = http.get("/models/RANDOM/user/102");
            final String generated = made.header(RequestIds.HEADER).orElse("");
            assertTrue(generated.matches("[0-9a-f]{16}"), generated);
            assertNotEquals(generated, http.get("/models/RANDOM/user/102").header(RequestIds.HEADER).orElse(""),
                    "a new id per request");
            final String unusable = http.get("/models/user/102", RequestIds.HEADER, "x".repeat(500))
                    .header(RequestIds.HEADER).orElse("");
            assertTrue(unusable.matches("[0-9a-f]{16}"), "an id too long is replaced: " + unusable);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertTrue(access.lines().stream().anyMatch(l -> l.contains("GET /models/user/102")
                        && l.contains("request_id=shop-trace-42")), access.lines().toString());
                assertTrue(access.lines().stream().anyMatch(l -> l.contains("request_id=" + generated)));
            });
            try (ServedTopic served = new ServedTopic(KAFKA.bootstrapServers())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> served.poll().stream().map(r -> r.value()
                        .get("request_id").asText()).toList().containsAll(List.of("shop-trace-42", generated)));
                final JsonNode record = served.poll().stream().map(ServedTopic.Served::value)
                        .filter(v -> v.get("request_id").asText().equals("shop-trace-42")).findFirst().orElseThrow();
                assertEquals(mine.json().get("id"), record.get("id"));
            }
        } finally {
            access.detach();
        }
    }

    @Test
    void shouldWriteEveryAnswerOnceToTheServedLogWithTheSameId() {
        final Map<String, JsonNode> answers = new HashMap<>();
        for (final long user : new long[] {101, 102, 555, 560, 987654}) {
            final JsonNode body = http.get("/models/user/" + user).json();
            answers.put(body.get("id").asText(), body);
        }
        final JsonNode explicit = http.get("/models/RANDOM/user/103").json();
        answers.put(explicit.get("id").asText(), explicit);
        try (ServedTopic served = new ServedTopic(KAFKA.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> served.poll().stream()
                    .map(s -> s.value().get("id").asText()).filter(answers::containsKey).count() >= answers.size());
            final Map<String, Integer> times = new HashMap<>();
            for (final ServedTopic.Served record : served.poll()) {
                final String id = record.value().get("id").asText();
                if (!answers.containsKey(id)) {
                    continue;
                }
                times.merge(id, 1, Integer::sum);
                final JsonNode answer = answers.get(id);
                final JsonNode value = record.value();
                assertEquals(answer.get("user_id").asText(), record.key(), "keyed by user");
                for (final String field : List.of("date", "user_id", "model", "products", "variant", "fallback")) {
                    assertEquals(answer.get(field), value.get(field), field + " as served");
                }
                assertEquals(api.hostPort(), value.get("instance").asText());
                if (answer.get("variant").isNull()) {
                    assertEquals("explicit", value.get("rule").asText());
                    assertTrue(value.get("experiment").isNull());
                } else {
                    assertEquals("threshold", value.get("rule").asText());
                    assertEquals("seed", value.get("experiment").asText());
                }
            }
            assertEquals(answers.keySet(), times.keySet());
            times.forEach((id, count) -> assertEquals(1, count, "answer " + id + " logged once"));
        }
    }

    @Test
    void shouldReflectNewEventsOfAUserInTheNextAnswers() {
        // user 563 has only looked at monitors; content-based (563 > 550) leads with them
        final long user = 563;
        final List<Long> before = ids(http.get("/models/user/" + user).json());
        assertTrue(before.get(0) >= 1009 && before.get(0) <= 1012, "fixture: a monitor first " + before);
        // then the user turns to phones, more strongly than to monitors: two bought, two viewed five times
        final List<ShopData.Event> events = new ArrayList<>();
        final LocalDateTime start = LocalDateTime.of(2021, 3, 1, 12, 0);
        events.add(new ShopData.Event(900_001, start, user, 1013, "BUY_PRODUCT"));
        events.add(new ShopData.Event(900_001, start.plusMinutes(1), user, 1014, "BUY_PRODUCT"));
        for (int i = 0; i < 5; i++) {
            events.add(new ShopData.Event(900_001, start.plusMinutes(2 + i), user, 1015, "VIEW_PRODUCT"));
            events.add(new ShopData.Event(900_001, start.plusMinutes(2 + i), user, 1016, "VIEW_PRODUCT"));
        }
        ShopData.send(KAFKA.bootstrapServers(), events);
        // the phones not yet bought now lead; the bought ones are not offered again (exclusion PURCHASED)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> ids(http.get("/models/user/" + user).json()).subList(0, 2).equals(List.of(1015L, 1016L)));
        final List<Long> after = ids(http.get("/models/user/" + user).json());
        assertFalse(after.contains(1013L) || after.contains(1014L), after.toString());
        final JsonNode profile = http.get("/users/" + user + "/profile").json();
        assertTrue(profile.get("categories").get(0).get("category").asText().startsWith("telefony"),
                profile.toString());
        assertTrue(StreamSupport.stream(profile.get("interactions").spliterator(), false)
                .anyMatch(i -> i.get("product_id").asLong() == 1013 && i.get("purchased").asBoolean()));
    }

    @Test
    void shouldShowAProfileWithRelevancesHighestFirstAndSmoothedStrengths() {
        final JsonNode profile = http.get("/users/101/profile").json();
        assertEquals(101, profile.get("user_id").asLong());
        double previous = Double.MAX_VALUE;
        for (final JsonNode category : profile.get("categories")) {
            assertTrue(category.get("relevance").asDouble() <= previous);
            previous = category.get("relevance").asDouble();
        }
        assertTrue(profile.get("interactions").size() > 0);
        for (final JsonNode interaction : profile.get("interactions")) {
            final double sum = interaction.get("strength_sum").asDouble();
            assertEquals(Math.log(1 + sum) / Math.log(2), interaction.get("strength").asDouble(), 1e-12);
        }
        final JsonNode unknown = http.get("/users/987654/profile").json();
        assertEquals(0, unknown.get("categories").size());
        assertEquals(0, unknown.get("interactions").size());
    }

    @Test
    void shouldListPopularProductsBestFirst() {
        final JsonNode popular = http.get("/products/popular?n=5").json().get("products");
        assertEquals(5, popular.size());
        for (int i = 1; i < popular.size(); i++) {
            assertTrue(popular.get(i - 1).get("popularity").asDouble() >= popular.get(i).get("popularity").asDouble());
        }
    }

    @Test
    void shouldReportHealthMetricsAndTheOpenApiDocument() {
        final Http.Response health = http.get("/health");
        assertEquals(200, health.status());
        assertEquals("RUNNING", health.json().at("/details/kafkaStreams/details/state").asText());
        final Http.Response readiness = http.get("/health/readiness");
        assertEquals(200, readiness.status());
        final JsonNode ready = readiness.json().at("/details/kafkaStreams/details");
        assertEquals(0, ready.get("threadFailures").asInt(), ready.toString());
        assertTrue(ready.get("storeLag").asLong() <= 10_000, ready.toString());
        final Http.Response liveness = http.get("/health/liveness");
        assertEquals(200, liveness.status());
        assertTrue(liveness.json().at("/details/kafkaStreamsLiveness/details/liveStreamThreads").asInt() >= 1,
                liveness.body());
        http.get("/models/user/101");
        final String metrics = http.get("/prometheus").body();
        for (final String metric : List.of("http_server_requests_seconds_count", "reco_served_total{",
                "reco_served_log_sent_total", "reco_served_log_undelivered_total", "kafka_consumer_fetch_manager_records_lag_max",
                "shop_dead_letters_total{reason=\"MALFORMED_JSON\",stage=\"topology\"}", "shop_streams_thread_failures_total")) {
            assertTrue(metrics.contains(metric), metric);
        }
        final Http.Response openApi = http.get("/swagger/shop-reco-api-0.1.yml");
        assertEquals(200, openApi.status());
        assertTrue(openApi.body().contains("/models/user/{userId}"));
        assertTrue(openApi.body().contains("/models/{model}/user/{userId}"));
    }

    @Test
    void shouldAllowNoOtherOriginAndAskForNoKeyByDefault() {
        final Http.Response get = http.get("/models/user/101", "Origin", "https://shop.example");
        assertEquals(200, get.status());
        assertTrue(get.header("access-control-allow-origin").isEmpty(), "CORS_ALLOWED_ORIGINS is empty");
        assertEquals(200, http.get("/users/101/profile").status(), "API_KEY is empty");
        assertEquals(200, http.get("/state/clock").status());
    }

    @Test
    void shouldAnswer503WithRetryAfterUntilTheStoresCanBeRead() {
        // an instance whose broker never answers: Kafka Streams cannot start
        try (ApiInstance stranded = ApiInstance.start("127.0.0.1:1", Map.of("streams.application-id", "stranded"))) {
            for (final String path : List.of("/models/user/101", "/models/CONTENT_BASE/user/101", "/users/101/profile",
                    "/products/popular")) {
                final Http.Response response = stranded.http().get(path);
                assertEquals(503, response.status(), path);
                assertEquals("1", response.header("retry-after").orElse(""), path);
                assertEquals(503, response.json().get("status").asInt());
            }
            assertEquals(503, stranded.http().get("/health").status(), "not ready");
            assertEquals(503, stranded.http().get("/health/readiness").status(), "not ready");
            assertEquals(200, stranded.http().get("/health/liveness").status(), "starting is not dead");
            assertEquals(400, stranded.http().get("/models/user/abc").status(), "input is checked first");
        }
    }

    private static List<Long> ids(final JsonNode body) {
        final List<Long> ids = new ArrayList<>();
        body.get("products").forEach(p -> ids.add(p.asLong()));
        return ids;
    }
}
