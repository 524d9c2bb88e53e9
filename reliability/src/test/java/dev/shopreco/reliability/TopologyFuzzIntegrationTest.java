package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.json.InteractionSerde;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.reliability.support.FuzzRecords;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.streams.experiment.ServedRecord;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.StoreBackedState;
import dev.shopreco.streams.support.Invariant;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.StateAssertions;
import dev.shopreco.streams.support.TestSettings;
import dev.shopreco.streams.topology.DeadLetterHandler;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsTopics;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology under random input on a real broker: random bytes, random JSON and valid records
 * with one defect, written straight into every topic the topology reads ({@code shop.sessions},
 * {@code shop.products}, {@code shop.users}, {@code reco.served}, and its own {@code shop.interactions}),
 * interleaved with the replay of a generated data set. Only records the stage's own reader refuses
 * are sent (a random record that happens to be valid would change the state). Then: the state equals
 * the batch reference of the data set alone (the invariant), each bad record of a task-read topic left
 * exactly one dead letter with the reader's reason, and no stream thread ever failed.
 *
 * <p>Bad records on {@code shop.products} and {@code shop.users} are refused by the topology's
 * validation of those topics, with the producer's reasons.
 */
class TopologyFuzzIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String APP = "reco-topology-fuzz";
    private static final long SEED = Scenario.intProperty("reliability.seed", 7);
    /** Users of the generated data set: a prefix of the default set's size keeps the test near a minute. */
    private static final int USERS = Scenario.intProperty("reliability.fuzz.users", 30);
    /** Bad records per topic. */
    private static final int PER_TOPIC = Scenario.intProperty("reliability.fuzz.records", 80);
    private static final int CHUNKS = 10;

    /** One bad record, where it goes, and the dead letter expected ("stage reason original"), or null. */
    private record Bad(String topic, String key, byte[] value, String expected) {
    }

    @Test
    void shouldDeadLetterEachBadRecordOnceKeepTheInvariantAndNeverLoseAThread(@TempDir final Path tmp) throws Exception {
        final long started = System.nanoTime();
        final Path data = Scenario.generated(tmp.resolve("data"), USERS, SEED);
        final StreamsSettings settings = TestSettings.of(Map.of()).on(KAFKA.bootstrapServers(), APP, tmp.resolve("state"));
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(settings, true));
        final List<Bad> bad = badRecords(data);

        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        final AtomicInteger threadFailures = new AtomicInteger();
        final List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
        try (Admin admin = KAFKA.admin();
                KafkaProducer<String, byte[]> producer = producer();
                KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions()), RecoTopology.config(settings))) {
            StreamsTopics.ensureAll(admin, TopicSettings.from(Map.of()), Duration.ofSeconds(30));
            streams.setUncaughtExceptionHandler(e -> {
                // as the API does; a thread that failed on a record would read it again and fail again
                threadFailures.incrementAndGet();
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.setStateListener((now, before) -> states.add(now));
            streams.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            // the bad records in chunks, each once the replay has sent a further share of the data set
            final long events = reference.interactions().size() + reference.rejected().size();
            final CompletableFuture<Integer> replay = Scenario.replay(data, KAFKA.bootstrapServers());
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                final long share = events * chunk / CHUNKS;
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> replay.isDone() || sent(admin, topics) >= share);
                for (final Bad record : bad.subList(bad.size() * chunk / CHUNKS, bad.size() * (chunk + 1) / CHUNKS)) {
                    producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
                }
                producer.flush();
            }
            assertEquals(0, replay.get(5, TimeUnit.MINUTES));
            final List<String> markers = new ArrayList<>(topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS,
                    Scenario.markerTime()));
            Invariant.awaitCaughtUp(admin, topics, streams, APP, new AtomicReference<>());

            // exactly one dead letter per bad record, with the reader's reason
            final List<String> expected = bad.stream().map(Bad::expected).sorted().toList();
            final Set<String> fuzzTexts = bad.stream().map(b -> original(b.topic(), b.value())).collect(Collectors.toSet());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertEquals(expected, topics.readAll(Names.TOPIC_REJECTED, JsonSerde.of(Rejected.class)).stream()
                            .filter(r -> fuzzTexts.contains(r.original()))
                            .map(r -> r.stage() + " " + r.reason() + " " + r.original()).sorted().toList(),
                            "one dead letter per bad record"));
            // the state, the interactions and the data set's own dead letters equal the reference's
            // (Invariant.assertHolds, reading shop.interactions past the foreign records it holds now)
            markers.addAll(fuzzTexts);
            final StoreBackedState state = StoreBackedState.of(streams, Duration.ofSeconds(1));
            final Set<Long> users = Invariant.users(streams);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> StateAssertions.assertSameState(reference, state, users));
            final InteractionSerde serde = new InteractionSerde();
            final Deserializer<Interaction> readable = (topic, bytes) -> {
                try {
                    return serde.deserialize(topic, bytes);
                } catch (final RuntimeException e) {
                    return null;
                }
            };
            StateAssertions.assertSameInteractions(reference.interactions(), topics.readAll(Names.TOPIC_INTERACTIONS,
                    readable).stream().filter(i -> i != null).toList(), false);
            final List<Rejected> deadLetters = topics.readAll(Names.TOPIC_REJECTED, JsonSerde.of(Rejected.class));
            StateAssertions.assertSameRejections(reference.rejected(), deadLetters.stream()
                    .filter(r -> "topology".equals(r.stage()) && !markers.contains(r.original())).toList(), false);
            StateAssertions.assertSameRejections(reference.invalidLines(),
                    deadLetters.stream().filter(r -> "producer".equals(r.stage())).toList(), false);

            assertEquals(0, threadFailures.get(), "no stream thread failed");
            assertFalse(states.contains(KafkaStreams.State.ERROR), "never in ERROR: " + states);
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
            System.out.printf("Topology fuzz: %d users, %d events, %d bad records (%s), dead letters by reason %s; %.0f s%n",
                    USERS, events, bad.size(), bad.stream().collect(Collectors.groupingBy(Bad::topic, TreeMap::new,
                            Collectors.counting())), bad.stream().filter(b -> b.expected() != null)
                            .collect(Collectors.groupingBy(b -> b.expected().split(" ")[0] + " " + b.expected().split(" ")[1],
                                    TreeMap::new, Collectors.counting())), (System.nanoTime() - started) / 1e9);
        }
    }

    /** {@link #PER_TOPIC} refused records per topic, from {@link FuzzRecords}, shuffled together. */
    private static List<Bad> badRecords(final Path data) throws IOException {
        final FuzzRecords fuzz = new FuzzRecords(SEED);
        final InteractionSerde interactions = new InteractionSerde();
        final List<Bad> bad = new ArrayList<>();
        add(bad, fuzz, Names.TOPIC_SESSIONS, firstLine(data, DataFolder.SESSIONS), text ->
                SessionEventParser.DEFAULT.parse(text) instanceof Parsed.Invalid<?> invalid ? "topology " + invalid.reason() : "");
        add(bad, fuzz, Names.TOPIC_INTERACTIONS, "{\"user_id\":101,\"product_id\":1001,\"event_type\":\"VIEW_PRODUCT\","
                + "\"strength\":1.0,\"timestamp\":\"2020-01-01T10:00:00\",\"session_id\":5}", text -> {
                    try {
                        interactions.deserialize(Names.TOPIC_INTERACTIONS, text.getBytes(StandardCharsets.UTF_8));
                        return "";
                    } catch (final RuntimeException e) {
                        return "topology UNREADABLE_RECORD";
                    }
                });
        add(bad, fuzz, Names.TOPIC_SERVED, "{\"id\":\"a1\",\"user_id\":101,\"products\":[1001,1002],\"experiment\":\"seed\","
                + "\"variant\":\"POPULARITY\",\"rule\":\"threshold\",\"as_of\":1577872800000}", text ->
                ServedRecord.read(text) instanceof ServedRecord.Invalid invalid ? "ab-attribution " + invalid.reason() : "");
        add(bad, fuzz, Names.TOPIC_PRODUCTS, firstLine(data, "products"), text ->
                CatalogParser.product(text) instanceof Parsed.Invalid<?> invalid ? "topology " + invalid.reason() : "");
        add(bad, fuzz, Names.TOPIC_USERS, firstLine(data, "users"), text ->
                CatalogParser.user(text) instanceof Parsed.Invalid<?> invalid ? "topology " + invalid.reason() : "");
        Collections.shuffle(bad, new Random(SEED));
        return bad;
    }

    /**
     * Adds refused records of {@code topic}: {@code verdict} gives the expected dead letter's "stage reason",
     * "" for a record the reader accepts (skipped).
     */
    private static void add(final List<Bad> bad, final FuzzRecords fuzz, final String topic, final String valid,
            final Function<String, String> verdict) {
        int added = 0;
        for (int attempt = 0; added < PER_TOPIC && attempt < 100 * PER_TOPIC; attempt++) {
            final byte[] value = fuzz.next(valid);
            final String text = new String(value, StandardCharsets.UTF_8);
            final String stageAndReason = verdict.apply(text);
            if ("".equals(stageAndReason)) {
                continue;
            }
            // keys no real record has: a fuzz product never replaces a product of the catalog
            final String key = "fuzz-" + topic + "-" + added++;
            bad.add(new Bad(topic, key, value, stageAndReason + " " + original(topic, value)));
        }
        assertEquals(PER_TOPIC, added, "refused records generated for " + topic);
    }

    /** The text of a record as its dead letter keeps it (the exception handler cuts a long one, the readers do not). */
    private static String original(final String topic, final byte[] value) {
        final String text = new String(value, StandardCharsets.UTF_8);
        return Names.TOPIC_INTERACTIONS.equals(topic) && text.length() > DeadLetterHandler.MAX_ORIGINAL_CHARS
                ? text.substring(0, DeadLetterHandler.MAX_ORIGINAL_CHARS) : text;
    }

    private static long sent(final Admin admin, final KafkaTopics topics) throws Exception {
        return topics.endOffsets(admin, List.of(Names.TOPIC_SESSIONS)).values().stream().mapToLong(Long::longValue).sum();
    }

    private static String firstLine(final Path data, final String file) throws IOException {
        try (BufferedReader reader = new DataFolder(data).open(file)) {
            return reader.readLine();
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1 << 20);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
