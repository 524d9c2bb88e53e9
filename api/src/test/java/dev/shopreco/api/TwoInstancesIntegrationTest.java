package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.api.http.Forwarder;
import dev.shopreco.api.http.RequestIds;
import dev.shopreco.api.reco.UserKnnRefitter;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ServedTopic;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.common.Names;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.streams.knn.UserKnnFit;
import dev.shopreco.streams.knn.UserKnnIndex;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.model.UserKnnSettings;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two API instances of one application on one broker share the partitions; a request for a user
 * owned by the other instance is relayed to it, once.
 */
class TwoInstancesIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static ApiInstance first;
    private static ApiInstance second;

    @BeforeAll
    static void start() {
        ShopData.replayFixture(KAFKA.bootstrapServers());
        first = ApiInstance.start(KAFKA.bootstrapServers());
        second = ApiInstance.start(KAFKA.bootstrapServers());
        first.awaitReady();
        second.awaitReady();
        // both instances hold partitions, and every user's history has reached the stores
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                servedBy(first).size() == 2 && everyUserKnownThrough(first) && everyUserKnownThrough(second));
    }

    @AfterAll
    static void stop() {
        for (final ApiInstance instance : new ApiInstance[] {second, first}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void shouldAnswerEveryUserTheSameThroughEitherInstance() {
        final Set<String> relayedByFirst = new HashSet<>();
        for (final long user : ShopData.USERS) {
            for (final String path : List.of("/models/user/" + user, "/models/RANDOM/user/" + user)) {
                final Http.Response viaFirst = first.http().get(path);
                final Http.Response viaSecond = second.http().get(path);
                assertEquals(200, viaFirst.status(), path);
                assertEquals(200, viaSecond.status(), path);
                final String owner = viaFirst.header(Forwarder.SERVED_BY).orElseThrow();
                assertEquals(owner, viaSecond.header(Forwarder.SERVED_BY).orElseThrow(), "one owner per user");
                for (final String field : List.of("user_id", "model", "products", "variant", "fallback")) {
                    assertEquals(viaFirst.json().get(field), viaSecond.json().get(field), path + " " + field);
                }
                assertFalse(viaFirst.json().get("fallback").asBoolean(), "the owner knows user " + user);
                if (!owner.equals(first.hostPort())) {
                    relayedByFirst.add(path);
                }
            }
            final Http.Response profileOne = first.http().get("/users/" + user + "/profile");
            final Http.Response profileTwo = second.http().get("/users/" + user + "/profile");
            assertEquals(profileOne.json(), profileTwo.json(), "profile of " + user);
            assertTrue(profileOne.json().get("interactions").size() > 0);
        }
        assertFalse(relayedByFirst.isEmpty(), "some users live on the second instance");
        assertTrue(relayedByFirst.size() < 2 * ShopData.USERS.length, "some users live on the first instance");
    }

    @Test
    void shouldLogARelayedAnswerOnceByTheInstanceThatComputedIt() {
        final Map<String, String> computedBy = new HashMap<>();
        final Map<String, String> requestIds = new HashMap<>();
        for (final long user : ShopData.USERS) {
            final Http.Response response = first.http().get("/models/user/" + user, RequestIds.HEADER, "two-" + user);
            assertEquals("two-" + user, response.header(RequestIds.HEADER).orElseThrow(), "relayed or not");
            computedBy.put(response.json().get("id").asText(), response.header(Forwarder.SERVED_BY).orElseThrow());
            requestIds.put(response.json().get("id").asText(), "two-" + user);
        }
        try (ServedTopic served = new ServedTopic(KAFKA.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> served.poll().stream()
                    .filter(s -> computedBy.containsKey(s.value().get("id").asText())).count() >= computedBy.size());
            final Map<String, Integer> times = new HashMap<>();
            for (final ServedTopic.Served record : served.poll()) {
                final String id = record.value().get("id").asText();
                if (computedBy.containsKey(id)) {
                    times.merge(id, 1, Integer::sum);
                    assertEquals(computedBy.get(id), record.value().get("instance").asText());
                    assertEquals(requestIds.get(id), record.value().get("request_id").asText(),
                            "the client's request id reaches the owner's served record");
                }
            }
            assertEquals(computedBy.keySet(), times.keySet());
            times.values().forEach(count -> assertEquals(1, count));
        }
    }

    @Test
    void shouldAnswerUserKnnAlikeThroughEitherInstanceWithNeighboursOwnedByEither() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            final Map<Long, String> owners = new HashMap<>();
            for (final long user : ShopData.USERS) {
                final Http.Response viaFirst = first.http().get("/models/user-knn/user/" + user);
                assertEquals(200, viaFirst.status());
                assertFalse(viaFirst.json().get("fallback").asBoolean(), "user " + user + ": " + viaFirst.body());
                assertEquals(viaFirst.json().get("products"),
                        second.http().get("/models/user-knn/user/" + user).json().get("products"), "user " + user);
                owners.put(user, viaFirst.header(Forwarder.SERVED_BY).orElseThrow());
            }
            // the owner finds a user's neighbours among every user with postings, whoever owns them
            final UserKnnSettings settings = first.context().getBean(ModelSettings.class).userKnn();
            final UserKnnFit fit = first.context().getBean(UserKnnRefitter.class).current(settings.all().weighting());
            assertNotNull(fit, "fitted");
            boolean neighbourElsewhere = false;
            for (final long user : ShopData.USERS) {
                if (!owners.get(user).equals(first.hostPort())) {
                    continue;
                }
                final UserKnnIndex.Neighbours neighbours = fit.neighbours(user);
                assertTrue(neighbours.size() > 0, "user " + user);
                for (final int row : neighbours.rows()) {
                    final String owner = owners.get(fit.index().user(row));
                    neighbourElsewhere |= owner != null && !owner.equals(first.hostPort());
                }
            }
            assertTrue(neighbourElsewhere, "a user of the first instance has a neighbour owned by the second");
        });
    }

    /**
     * An Idempotency-Key is remembered by the instance owning it: a retry through the other instance is
     * relayed there and not written again (shop.sessions holds the event once).
     */
    @Test
    void shouldWriteARetryWithTheSameIdempotencyKeyOnceWhicheverInstanceItReaches() {
        final long session = 880_001;
        final LocalDateTime time = LocalDateTime.of(2021, 3, 4, 12, 0);
        final String body = "[" + new ShopData.Event(session, time, 102, 1001, "VIEW_PRODUCT").line() + "]";
        final Http.Response viaFirst = first.http().post("/events", body, "Idempotency-Key", "two-instances-1");
        assertEquals(202, viaFirst.status(), viaFirst.body());
        final String owner = viaFirst.header(Forwarder.SERVED_BY).orElseThrow();
        final Http.Response viaSecond = second.http().post("/events", body, "Idempotency-Key", "two-instances-1");
        assertEquals(202, viaSecond.status(), viaSecond.body());
        assertEquals("true", viaSecond.header("Idempotent-Replayed").orElse(""), "the retry was recognised");
        assertEquals(owner, viaSecond.header(Forwarder.SERVED_BY).orElseThrow(), "the key's owner answered both");
        final String marker = new ShopData.Event(session, time.plusMinutes(1), 102, 1002, "VIEW_PRODUCT").line();
        assertEquals(202, first.http().post("/events", marker).status());
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sessions-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> sessions = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            sessions.subscribe(List.of(Names.TOPIC_SESSIONS));
            final List<String> written = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sessions.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (Long.toString(session).equals(r.key())) {
                        written.add(r.value());
                    }
                });
                return written.contains(marker);
            });
            assertEquals(2, written.size(), "the batch once, then the marker: " + written);
        }
    }

    @Test
    void shouldNeverRelayARequestTwice() {
        final long user = userOwnedBy(second);
        final Http.Response relayed = first.http().get("/models/user/" + user, Forwarder.FORWARDED_BY, "10.0.0.1:8080");
        assertEquals(503, relayed.status(), "a relayed request that reaches a non-owner is not relayed again");
        assertEquals("1", relayed.header("retry-after").orElseThrow());
        assertEquals("application/problem+json", relayed.header("content-type").orElseThrow());
        final Http.Response atOwner = second.http().get("/models/user/" + user, Forwarder.FORWARDED_BY, "10.0.0.1:8080");
        assertEquals(200, atOwner.status());
        assertEquals(second.hostPort(), atOwner.header(Forwarder.SERVED_BY).orElseThrow());
    }

    @Test
    void shouldAnswerEveryUserFromTheRemainingInstanceWhenOneLeaves() {
        try (ApiInstance third = ApiInstance.start(KAFKA.bootstrapServers()).awaitReady()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> servedBy(first).contains(third.hostPort()));
        }
        // the third instance left the group on close: its partitions come back without a session timeout
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> everyUserKnownThrough(first) && everyUserKnownThrough(second));
    }

    @Test
    void shouldAnswerABatchWithOneRelayPerOtherInstanceAndLogEveryList() {
        final StringBuilder ids = new StringBuilder();
        for (final long user : ShopData.USERS) {
            ids.append(ids.length() == 0 ? "" : ",").append(user);
        }
        final String body = "{\"user_ids\": [" + ids + ", 987654], \"n\": 5}";
        // the partitions may move while another test adds an instance: retry until one batch is all 200
        final JsonNode[] answer = new JsonNode[1];
        final String requestId = "batch-" + System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            final double before = relayedBatches(first);
            final Http.Response response = first.http().post("/recommendations", body, RequestIds.HEADER, requestId);
            assertEquals(200, response.status(), response.body());
            answer[0] = response.json().get("results");
            boolean allListed = true;
            for (final JsonNode result : answer[0]) {
                allListed &= result.get("status").asInt() == 200;
            }
            return allListed && relayedBatches(first) - before == 1.0;
        });
        assertEquals(ShopData.USERS.length + 1, answer[0].size());
        for (int i = 0; i < ShopData.USERS.length; i++) {
            final JsonNode result = answer[0].get(i);
            final long user = ShopData.USERS[i];
            assertEquals(user, result.get("user_id").asLong(), "in the order asked");
            final JsonNode single = first.http().get("/models/user/" + user + "?n=5").json();
            for (final String field : List.of("user_id", "model", "products", "variant", "fallback")) {
                assertEquals(single.get(field), result.get("recommendation").get(field), user + " " + field);
            }
        }
        assertTrue(answer[0].get(ShopData.USERS.length).get("recommendation").get("fallback").asBoolean());
        try (ServedTopic served = new ServedTopic(KAFKA.bootstrapServers())) {
            final Set<String> listIds = new HashSet<>();
            answer[0].forEach(r -> listIds.add(r.get("recommendation").get("id").asText()));
            await().atMost(Duration.ofSeconds(30)).until(() -> served.poll().stream()
                    .filter(r -> listIds.contains(r.value().get("id").asText())).count() == listIds.size());
            final Set<String> instances = new HashSet<>();
            served.poll().stream().filter(r -> listIds.contains(r.value().get("id").asText())).forEach(r -> {
                assertEquals(requestId, r.value().get("request_id").asText());
                instances.add(r.value().get("instance").asText());
            });
            assertEquals(Set.of(first.hostPort(), second.hostPort()), instances, "each list logged by its owner");
        }
    }

    @Test
    void shouldAnswerAUserWhoseStateCannotBeReadWithA503ResultAndTheOthersWithTheirLists() {
        final long mine = userOwnedBy(first);
        final long theirs = userOwnedBy(second);
        // a relayed batch reaching an instance that does not own a user: that user's result is a 503
        final Http.Response response = first.http().post("/recommendations",
                "{\"user_ids\": [" + theirs + ", " + mine + "]}", Forwarder.FORWARDED_BY, "10.0.0.1:8080");
        assertEquals(200, response.status(), response.body());
        final JsonNode results = response.json().get("results");
        assertEquals(theirs, results.get(0).get("user_id").asLong());
        assertEquals(503, results.get(0).get("status").asInt());
        assertTrue(results.get(0).get("error").asText().contains("partitions are moving"), results.toString());
        assertEquals(200, results.get(1).get("status").asInt());
        assertEquals(10, results.get(1).get("recommendation").get("products").size());
        for (final String bad : List.of("{}", "{\"user_ids\": []}", "{\"user_ids\": [1, 1]}",
                "{\"user_ids\": [-1]}", "{\"user_ids\": [1], \"n\": 0}", "{\"user_ids\": [1], \"model\": \"NOPE\"}",
                "{\"user_ids\": [1], \"exclusion\": \"ALL\"}", "not json")) {
            final Http.Response refused = first.http().post("/recommendations", bad);
            assertEquals(400, refused.status(), bad + ": " + refused.body());
            assertEquals("application/problem+json", refused.header("content-type").orElse(""), bad);
        }
    }

    private static double relayedBatches(final ApiInstance instance) {
        for (final String line : instance.http().get("/prometheus").body().split("\n")) {
            if (line.startsWith("reco_batch_relayed_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0.0;
    }

    private static long userOwnedBy(final ApiInstance owner) {
        for (final long user : ShopData.USERS) {
            if (owner.http().get("/models/user/" + user).header(Forwarder.SERVED_BY).orElseThrow()
                    .equals(owner.hostPort())) {
                return user;
            }
        }
        throw new IllegalStateException("No user is owned by " + owner.hostPort());
    }

    private static Set<String> servedBy(final ApiInstance via) {
        final Set<String> owners = new HashSet<>();
        for (final long user : ShopData.USERS) {
            via.http().get("/models/user/" + user).header(Forwarder.SERVED_BY).ifPresent(owners::add);
        }
        return owners;
    }

    private static boolean everyUserKnownThrough(final ApiInstance via) {
        for (final long user : ShopData.USERS) {
            final Http.Response response = via.http().get("/models/user/" + user);
            if (response.status() != 200) {
                return false;
            }
            final JsonNode body = response.json();
            if (body.get("fallback").asBoolean()) {
                return false;
            }
        }
        return true;
    }
}
