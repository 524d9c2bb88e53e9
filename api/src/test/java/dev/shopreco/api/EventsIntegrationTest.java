package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.common.Names;
import dev.shopreco.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /events} through real HTTP on one instance over a real broker. */
class EventsIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final LocalDateTime START = LocalDateTime.of(2021, 3, 1, 12, 0);

    private static ApiInstance api;
    private static Http http;
    private static KafkaConsumer<String, String> sessions;
    private static final List<ConsumerRecord<String, String>> READ = new ArrayList<>();

    @BeforeAll
    static void start() {
        ShopData.replayFixture(KAFKA.bootstrapServers());
        api = ApiInstance.start(KAFKA.bootstrapServers(), Map.of("events.max-batch", "12")).awaitReady();
        http = api.http();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            final Http.Response r = http.get("/models/user/563");
            return r.status() == 200 && !r.json().get("fallback").asBoolean();
        });
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sessions-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        sessions = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        sessions.subscribe(List.of(Names.TOPIC_SESSIONS));
    }

    @AfterAll
    static void stop() {
        if (sessions != null) {
            sessions.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** The values of shop.sessions keyed {@code session}, in order, after one more poll. */
    private static synchronized List<String> session(final long session) {
        sessions.poll(Duration.ofMillis(300)).forEach(READ::add);
        return READ.stream().filter(r -> r.key().equals(Long.toString(session))).map(ConsumerRecord::value).toList();
    }

    private static String event(final long session, final int minute, final long user, final long product,
            final String type) {
        return new ShopData.Event(session, START.plusMinutes(minute), user, product, type).line();
    }

    private static String array(final String... events) {
        return "[" + String.join(",", events) + "]";
    }

    private static List<Long> ids(final JsonNode body) {
        final List<Long> ids = new ArrayList<>();
        body.get("products").forEach(p -> ids.add(p.asLong()));
        return ids;
    }

    @Test
    void shouldChangeTheUsersListWithEventsPostedOverHttp() {
        // user 563 has only looked at monitors; content-based (563 > 550) leads with them
        final long user = 563;
        assertTrue(ids(http.get("/models/user/" + user).json()).get(0) <= 1012, "fixture: a monitor first");
        final List<String> events = new ArrayList<>();
        events.add(event(800_001, 0, user, 1013, "BUY_PRODUCT"));
        events.add(event(800_001, 1, user, 1014, "BUY_PRODUCT"));
        // then turns to phones, more strongly than to monitors: two bought, two viewed five times
        for (int i = 0; i < 5; i++) {
            events.add(event(800_001, 2 + i, user, 1015, "VIEW_PRODUCT"));
            events.add(event(800_001, 2 + i, user, 1016, "VIEW_PRODUCT"));
        }
        final Http.Response response = http.post("/events", array(events.toArray(String[]::new)));
        assertEquals(202, response.status(), response.body());
        assertEquals(12, response.json().get("accepted").asInt());
        final Http.Response one = http.post("/events", event(800_001, 8, user, 1015, "VIEW_PRODUCT"));
        assertEquals(202, one.status(), one.body());
        assertEquals(1, one.json().get("accepted").asInt());
        // the phones not bought lead now; the bought ones are left out (exclusion PURCHASED)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                ids(http.get("/models/user/" + user).json()).subList(0, 2).equals(List.of(1015L, 1016L)));
        final List<Long> after = ids(http.get("/models/user/" + user).json());
        assertFalse(after.contains(1013L) || after.contains(1014L), after.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> session(800_001).size() == 13);
        assertEquals(events, session(800_001).subList(0, 12), "the events' own text, keyed by session, in order");
    }

    @Test
    void shouldRefuseABadBatchWithEachEventsIndexAndReasonAndWriteNothing() {
        final long session = 800_002;
        final String good = event(session, 0, 101, 1001, "VIEW_PRODUCT");
        final String body = array(good,
                "{\"session_id\": \"x\", \"timestamp\": \"2021-03-01T12:00:00\", \"user_id\": 101, \"product_id\": 1001,"
                        + " \"event_type\": \"VIEW_PRODUCT\"}",
                event(session, 1, 101, 1002, "VIEW_PRODUCT"),
                "{\"session_id\": 800002, \"timestamp\": \"2021-03-01T12:00:00\", \"user_id\": 101, \"product_id\": 1001,"
                        + " \"event_type\": \"CLICK\"}",
                "{\"session_id\": 800002, \"user_id\": 101, \"event_type\": \"VIEW_PRODUCT\"}");
        final Http.Response response = http.post("/events", body);
        assertEquals(400, response.status(), response.body());
        assertEquals("application/problem+json", response.header("content-type").orElse(""));
        final JsonNode problem = response.json();
        assertEquals("3 of 5 events refused; nothing was written", problem.get("detail").asText());
        final JsonNode errors = problem.get("errors");
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(1, errors.get(0).get("index").asInt());
        assertEquals("WRONG_TYPE", errors.get(0).get("reason").asText());
        assertEquals(3, errors.get(1).get("index").asInt());
        assertEquals("UNKNOWN_EVENT_TYPE", errors.get(1).get("reason").asText());
        assertEquals(4, errors.get(2).get("index").asInt());
        assertEquals("MISSING_FIELD", errors.get(2).get("reason").asText());
        final Http.Response broken = http.post("/events", "[" + good + ", {\"session_id\": ");
        assertEquals(400, broken.status());
        assertEquals("MALFORMED_JSON", broken.json().get("errors").get(0).get("reason").asText());
        assertEquals(1, broken.json().get("errors").get(0).get("index").asInt());
        assertEquals(400, http.post("/events", "[]").status(), "no event");
        final Http.Response tooMany = http.post("/events", array(java.util.Collections.nCopies(13, good)
                .toArray(String[]::new)));
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.json().get("detail").asText().contains("at most 12 events"), tooMany.body());
        // a marker on the same session (same partition, so after anything written before it)
        final String marker = event(session, 9, 101, 1003, "VIEW_PRODUCT");
        assertEquals(202, http.post("/events", marker).status());
        await().atMost(Duration.ofSeconds(30)).until(() -> session(session).contains(marker));
        assertEquals(List.of(marker), session(session), "nothing of the refused requests was written");
    }

    @Test
    void shouldWriteARetryWithTheSameIdempotencyKeyOnce() {
        final long session = 800_003;
        final String body = array(event(session, 0, 102, 1001, "VIEW_PRODUCT"),
                event(session, 1, 102, 1002, "VIEW_PRODUCT"));
        final Http.Response first = http.post("/events", body, "Idempotency-Key", "batch-42");
        assertEquals(202, first.status(), first.body());
        assertTrue(first.header("Idempotent-Replayed").isEmpty());
        final Http.Response retry = http.post("/events", body, "Idempotency-Key", "batch-42");
        assertEquals(202, retry.status(), retry.body());
        assertEquals(2, retry.json().get("accepted").asInt());
        assertEquals("true", retry.header("Idempotent-Replayed").orElse(""));
        final Http.Response reused = http.post("/events", array(event(session, 2, 102, 1003, "VIEW_PRODUCT")),
                "Idempotency-Key", "batch-42");
        assertEquals(422, reused.status(), reused.body());
        assertEquals(400, http.post("/events", body, "Idempotency-Key", "x".repeat(256)).status());
        final String marker = event(session, 9, 102, 1004, "VIEW_PRODUCT");
        assertEquals(202, http.post("/events", marker).status());
        await().atMost(Duration.ofSeconds(30)).until(() -> session(session).contains(marker));
        assertEquals(3, session(session).size(), "the batch once, then the marker: " + session(session));
    }
}
