package dev.shopreco.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.localkafka.CommittedEnds;
import dev.shopreco.localkafka.LocalKafkaExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Replays a small fixture with bad lines into a real broker and reads everything back. */
class ReplayIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    /** Valid session lines of the fixture (1-based), and the reason of each bad one. */
    private static final List<Long> VALID_LINES = List.of(1L, 2L, 3L, 4L, 5L, 6L, 15L, 16L, 17L, 18L, 19L);
    private static final Map<Long, RejectReason> BAD_SESSION_LINES = Map.of(
            7L, RejectReason.MALFORMED_JSON, 8L, RejectReason.BAD_TIMESTAMP, 9L, RejectReason.UNKNOWN_EVENT_TYPE,
            10L, RejectReason.WRONG_TYPE, 11L, RejectReason.MISSING_FIELD, 12L, RejectReason.NOT_AN_OBJECT,
            14L, RejectReason.INVALID_ID);

    @Test
    void shouldDeliverEveryValidEventOnceInTimestampOrderAndEveryBadLineWithItsReason(@TempDir final Path dir)
            throws IOException {
        final Path data = fixture(dir, "");
        assertEquals(0, replay("--data", data.toString()));

        final List<ConsumerRecord<String, String>> sessions = readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl"));
        final List<String> lines = Files.readAllLines(data.resolve("sessions.jsonl"));
        final List<Long> delivered = sessions.stream().map(ReplayIntegrationTest::line).sorted().toList();
        assertEquals(VALID_LINES, delivered, "every valid line once, nothing else");
        for (final ConsumerRecord<String, String> record : sessions) {
            assertEquals(lines.get((int) line(record) - 1), record.value(), "the original line is the value");
            assertEquals(Json.mapper().readTree(record.value()).get("session_id").asText(), record.key());
        }
        final Map<String, List<LocalDateTime>> timesBySession = new TreeMap<>();
        for (final ConsumerRecord<String, String> record : sessions) {
            timesBySession.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(LocalDateTime.parse(Json.mapper().readTree(record.value()).get("timestamp").asText()));
        }
        timesBySession.forEach((session, times) -> assertEquals(times.stream().sorted().toList(), times,
                "events of session " + session + " arrive in timestamp order"));
        assertEquals(List.of(LocalDateTime.parse("2021-01-04T04:59:00"), LocalDateTime.parse("2021-01-04T05:00:00"),
                LocalDateTime.parse("2021-01-04T05:01:00")), timesBySession.get("100001"));

        final Map<Long, RejectReason> rejected = new HashMap<>();
        for (final ConsumerRecord<String, String> record : readAll(Names.TOPIC_REJECTED, sourceOf(data, "sessions.jsonl"))) {
            final JsonNode dead = Json.mapper().readTree(record.value());
            assertEquals("sessions.jsonl", dead.get("source").asText());
            assertEquals("producer", dead.get("stage").asText());
            assertEquals(lines.get(dead.get("line").asInt() - 1), dead.get("original").asText());
            assertTrue(!dead.get("detail").asText().isBlank(), "a reason a person can read");
            rejected.put(dead.get("line").asLong(), RejectReason.valueOf(dead.get("reason").asText()));
        }
        assertEquals(BAD_SESSION_LINES, rejected);

        assertEquals(3, readAll(Names.TOPIC_PRODUCTS, sourceOf(data, "products.jsonl")).size());
        assertEquals(List.of(4L), readAll(Names.TOPIC_REJECTED, sourceOf(data, "products.jsonl")).stream()
                .map(r -> json(r).get("line").asLong()).toList());
        assertEquals(2, readAll(Names.TOPIC_USERS, sourceOf(data, "users.jsonl")).size());
    }

    /**
     * Issue case 1 in the replay: a number that overflows a double made the order-checking pass throw,
     * and no session event of the file was sent. Each bad line is one dead letter; every valid line is sent.
     */
    @Test
    void shouldSendEveryValidLineWhenLinesOverflowADoubleOrRepeatAKey(@TempDir final Path dir) throws IOException {
        final Path data = fixture(dir, "");
        final String event = "{\"session_id\": 100900, \"timestamp\": \"2021-01-04T05:30:00\", \"user_id\": %s, "
                + "\"product_id\": %s, \"event_type\": \"VIEW_PRODUCT\", \"offered_discount\": 0, \"purchase_id\": null}";
        Files.writeString(data.resolve("sessions.jsonl"), String.join("\n",
                String.format(event, "1e400", "1001"),
                String.format(event, "101", "1e400"),
                String.format(event, "101", "1001").replace("{", "{\"session_id\": 18, "),
                String.format(event, "101", "1001") + "{\"session_id\":17}",
                String.format(event, "101", "-1e99999999999")) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("users.jsonl"), "{\"user_id\": 1e400, \"name\": \"Ada\"}\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, replay("--data", data.toString()));

        assertEquals(VALID_LINES, readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl")).stream()
                .map(ReplayIntegrationTest::line).sorted().toList(), "every valid line, once");
        final Map<Long, RejectReason> expected = new HashMap<>(BAD_SESSION_LINES);
        expected.putAll(Map.of(20L, RejectReason.NUMBER_OUT_OF_RANGE, 21L, RejectReason.NUMBER_OUT_OF_RANGE,
                22L, RejectReason.DUPLICATE_KEY, 23L, RejectReason.MALFORMED_JSON, 24L, RejectReason.NUMBER_OUT_OF_RANGE));
        final Map<Long, RejectReason> rejected = new HashMap<>();
        for (final ConsumerRecord<String, String> record : readAll(Names.TOPIC_REJECTED, sourceOf(data, "sessions.jsonl"))) {
            final JsonNode dead = json(record);
            assertEquals(null, rejected.put(dead.get("line").asLong(), RejectReason.valueOf(dead.get("reason").asText())),
                    "one dead letter per line");
        }
        assertEquals(expected, rejected);
        assertEquals(List.of("MISSING_FIELD", "NUMBER_OUT_OF_RANGE"), readAll(Names.TOPIC_REJECTED,
                sourceOf(data, "users.jsonl")).stream().map(r -> json(r).get("reason").asText()).sorted().toList());
        assertEquals(2, readAll(Names.TOPIC_USERS, sourceOf(data, "users.jsonl")).size());
    }

    @Test
    void shouldSendEachLineOnceWhenAnInterruptedReplayIsRunAgain(@TempDir final Path dir) throws IOException {
        final Path data = fixture(dir, " ");
        assertEquals(0, replay("--data", data.toString(), "--limit", "4"));
        assertEquals(4, readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl")).size());

        assertEquals(0, replay("--data", data.toString()));
        final List<Long> delivered = readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl")).stream()
                .map(ReplayIntegrationTest::line).sorted().toList();
        assertEquals(VALID_LINES, delivered, "the second run sends only what the first did not");
        assertEquals(BAD_SESSION_LINES.size(), readAll(Names.TOPIC_REJECTED, sourceOf(data, "sessions.jsonl")).size());
        assertEquals(3, readAll(Names.TOPIC_PRODUCTS, sourceOf(data, "products.jsonl")).size(),
                "the catalog is not sent twice either");

        // other writers' records after the replay's (events over HTTP, another data set) do not hide
        // where the replay got to: a third run finds its frontier behind them and sends nothing
        sendForeignRecords(Names.TOPIC_SESSIONS);
        sendForeignRecords(Names.TOPIC_PRODUCTS);
        assertEquals(0, replay("--data", data.toString()));
        assertEquals(VALID_LINES.size(), readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl")).size(),
                "nothing sent again after other writers' records");
        assertEquals(3, readAll(Names.TOPIC_PRODUCTS, sourceOf(data, "products.jsonl")).size());

        assertEquals(0, replay("--data", data.toString(), "--no-resume"));
        assertEquals(2 * VALID_LINES.size(), readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl")).size(),
                "--no-resume sends everything again");
    }

    @Test
    void shouldWaitOutABrokerRestartMidReplayAndDeliverEveryLineOnce(@TempDir final Path dir) throws Exception {
        final Path data = fixture(dir, "  ");
        // 80 minutes of events at 1200x real time: the replay runs for about 4 s
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                () -> replay("--data", data.toString(), "--speed", "1200"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl")).isEmpty());
        KAFKA.broker().stop();
        // the outage itself is the fault injected here, not a wait for a condition
        Thread.sleep(2_000);
        KAFKA.broker().start();
        assertEquals(0, run.get(2, TimeUnit.MINUTES));
        assertEquals(VALID_LINES, readAll(Names.TOPIC_SESSIONS, sourceOf(data, "sessions.jsonl")).stream()
                .map(ReplayIntegrationTest::line).sorted().toList(), "nothing lost, nothing twice");
    }

    /** One record without the replay's headers on every partition of {@code topic}, as another writer would send. */
    private static void sendForeignRecords(final String topic) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (final PartitionInfo partition : producer.partitionsFor(topic)) {
                producer.send(new ProducerRecord<>(topic, partition.partition(), "other-writer", "{}"));
            }
            producer.flush();
        }
    }

    private static int replay(final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress"));
        return new CommandLine(new ReplayCommand()).execute(all.toArray(String[]::new));
    }

    /** Copies the fixture; {@code salt} appended to the sessions file makes it a different data set. */
    private static Path fixture(final Path dir, final String salt) throws IOException {
        for (final String name : List.of("products.jsonl", "users.jsonl", "sessions.jsonl")) {
            try (var in = ReplayIntegrationTest.class.getResourceAsStream("/replay-fixture/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Files.writeString(dir.resolve("sessions.jsonl"), salt, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        return dir;
    }

    private static String sourceOf(final Path data, final String file) {
        return SourceId.of(data.resolve(file));
    }

    private static long line(final ConsumerRecord<String, String> record) {
        return Long.parseLong(new String(record.headers().lastHeader(SourceId.HEADER_LINE).value(), StandardCharsets.UTF_8));
    }

    private static JsonNode json(final ConsumerRecord<String, String> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (final IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Every committed record of {@code topic} from the file identified by {@code source}, in partition
     * order: read as the topology reads ({@code read_committed}).
     */
    private static List<ConsumerRecord<String, String>> readAll(final String topic, final String source) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            final Map<TopicPartition, Long> end = CommittedEnds.of(KAFKA.bootstrapServers(), partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    final var header = record.headers().lastHeader(SourceId.HEADER_SOURCE);
                    if (header != null && source.equals(new String(header.value(), StandardCharsets.UTF_8))) {
                        out.add(record);
                    }
                });
            }
        }
        return out;
    }
}
