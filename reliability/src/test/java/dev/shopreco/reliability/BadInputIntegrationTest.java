package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.producer.ProducerCli;
import dev.shopreco.reliability.support.BadInputCorpus;
import dev.shopreco.reliability.support.BadInputCorpus.Fixture;
import dev.shopreco.reliability.support.Jsons;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.StoreBackedState;
import dev.shopreco.streams.support.Invariant;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.StateAssertions;
import dev.shopreco.streams.support.TestSettings;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsTopics;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad input: every record of the corpus ({@code bad-input/corpus.tsv}, {@value #MIN_KINDS}+ kinds) is
 * appended to a generated data set and fed through the producer, and the refused ones (sessions and
 * products) are also written straight into the topics, bypassing the producer's validation. Each must
 * end as its row says (a dead letter with the reason, from the stage that owns the rule, the topology
 * for what came straight in; or kept and counted); the topology never stops; and the state equals the
 * batch reference of the valid records alone.
 */
class BadInputIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    static final int MIN_KINDS = 25;

    private static final String APP = "reco-bad-input";
    /** Reasons decided on the whole session, so by the topology even for records the producer passed. */
    private static final Set<RejectReason> TOPOLOGY_REASONS =
            EnumSet.of(RejectReason.MISSING_PRODUCT_ID, RejectReason.UNRESOLVED_USER);

    @Test
    void shouldRefuseOrKeepEveryBadRecordAsDocumentedAndKeepTheStateOfTheValidOnes(@TempDir final Path tmp)
            throws Exception {
        final Path base = Scenario.generated(tmp.resolve("base"), 80, 11);
        // events that name their user and product: the placeholders' values and the duplicate
        final List<String> complete = lines(base, DataFolder.SESSIONS).stream()
                .filter(l -> Jsons.read(l).path("user_id").isNumber() && Jsons.read(l).path("product_id").isNumber())
                .toList();
        final String sample = complete.get(complete.size() / 2);
        final BadInputCorpus.Values values = new BadInputCorpus.Values(Jsons.read(sample).get("timestamp").asText(),
                Jsons.read(sample).get("user_id").asLong(), Jsons.read(sample).get("product_id").asLong(),
                complete.get(100), new AtomicLong(900_000_000L));
        final List<Fixture> corpus = BadInputCorpus.load(values);
        assertTrue(corpus.size() >= MIN_KINDS, "at least " + MIN_KINDS + " kinds: " + corpus.size());

        // the data set with every bad record, and the one with only the records that are valid
        final Path fed = write(tmp.resolve("fed"), base, corpus, false);
        final Path validOnly = write(tmp.resolve("valid"), base, corpus, true);
        final StreamsSettings settings = TestSettings.of(Map.of()).on(KAFKA.bootstrapServers(), APP, tmp.resolve("state"));
        final ReferenceResult reference = BatchReference.fromFolder(fed, ReferenceOptions.of(settings, true));
        final ReferenceResult valid = BatchReference.fromFolder(validOnly, ReferenceOptions.of(settings, true));
        StateAssertions.assertSameState(valid, reference.state(), Set.copyOf(reference.state().users()));

        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        try (Admin admin = KAFKA.admin();
                KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions()), RecoTopology.config(settings))) {
            StreamsTopics.ensureAll(admin, TopicSettings.from(Map.of()), Duration.ofSeconds(30));
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            assertEquals(0, new CommandLine(new ProducerCli()).execute("replay", "--data", fed.toString(),
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress"));
            final List<Fixture> direct = sendStraightIntoTheTopics(corpus);
            final List<String> markers = topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Scenario.markerTime());
            Invariant.awaitCaughtUp(admin, topics, streams, APP, failure);
            assertNull(failure.get(), "the topology never stops");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());

            // the state of the valid records, whatever came in besides
            final StoreBackedState state = StoreBackedState.of(streams, Duration.ofSeconds(1));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> StateAssertions.assertSameState(valid, state, Invariant.users(streams)));
            StateAssertions.assertSameInteractions(reference.interactions(),
                    topics.readAll(Names.TOPIC_INTERACTIONS, JsonSerde.of(Interaction.class)), false);

            final List<Rejected> deadLetters = topics.readAll(Names.TOPIC_REJECTED, JsonSerde.of(Rejected.class));
            final List<Rejected> byTopology = deadLetters.stream()
                    .filter(r -> "topology".equals(r.stage()) && !markers.contains(r.original())).toList();
            final List<Rejected> byProducer = deadLetters.stream().filter(r -> "producer".equals(r.stage())).toList();
            // nothing but the reference's refusals and the corpus's straight-in records
            final List<Rejected> expectedByTopology = new ArrayList<>(reference.rejected());
            direct.forEach(f -> expectedByTopology.add(new Rejected(RejectReason.valueOf(f.expected()), "", "topology",
                    "sessions".equals(f.file()) ? Names.TOPIC_SESSIONS : Names.TOPIC_PRODUCTS, -1, f.text())));
            StateAssertions.assertSameRejections(expectedByTopology, byTopology, false);
            assertEquals(reference.invalidLines().stream().map(r -> r.line() + " " + r.reason()).sorted().toList(),
                    byProducer.stream().filter(r -> r.source().startsWith("sessions"))
                            .map(r -> r.line() + " " + r.reason()).sorted().toList(), "the producer's session refusals");

            final Map<String, String> table = new TreeMap<>();
            for (final Fixture f : corpus) {
                final String through = outcome(f, f.file() + ".jsonl", byProducer, byTopology);
                assertEquals(expectedThroughProducer(f), through, "through the producer: " + f.kind());
                table.put(f.file() + ": " + f.kind(), through);
            }
            for (final Fixture f : direct) {
                final String straight = outcome(f, Names.TOPIC_SESSIONS, List.of(), byTopology)
                        + (state.content().contains(productIdOf(f)) ? ", IN THE CATALOG" : "");
                final String want = f.expected() + " by topology";
                assertEquals(want, straight, "straight into the topic: " + f.kind());
                table.merge(f.file() + ": " + f.kind(), straight, (a, b) -> a + " | straight in: " + b);
            }
            System.out.printf("Bad input: %d kinds, %d also straight into the topics; outcomes:%n", corpus.size(), direct.size());
            table.forEach((kind, outcome) -> System.out.printf("  %-70s %s%n", kind, outcome));
            System.out.printf("Dead letters by reason: %s%n", deadLetters.stream().filter(r -> !markers.contains(r.original()))
                    .collect(Collectors.groupingBy(r -> r.stage() + " " + r.reason(), TreeMap::new, Collectors.counting())));
        }
    }

    private static String expectedThroughProducer(final Fixture f) {
        if (f.kept()) {
            return BadInputCorpus.KEPT;
        }
        return f.expected() + " by " + (TOPOLOGY_REASONS.contains(RejectReason.valueOf(f.expected())) ? "topology" : "producer");
    }

    /** The dead letter this fixture became, as "REASON by stage", or KEPT if none. */
    private static String outcome(final Fixture f, final String source, final List<Rejected> byProducer,
            final List<Rejected> byTopology) {
        final String text = f.text();
        for (final Rejected r : byProducer) {
            if (r.source().equals(source) && matches(text, r)) {
                return r.reason() + " by producer";
            }
        }
        for (final Rejected r : byTopology) {
            if (matches(text, r)) {
                return r.reason() + " by topology";
            }
        }
        return BadInputCorpus.KEPT;
    }

    /** The dead letter holds the record (the producer cuts a long one's text, and says so). */
    private static boolean matches(final String text, final Rejected r) {
        return r.original().equals(text)
                || (r.original().length() < text.length() && text.startsWith(r.original()) && r.detail().contains("cut"));
    }

    private static Long productIdOf(final Fixture f) {
        return 991_000L + Math.floorMod(f.kind().hashCode(), 1000);
    }

    /** The refused session records to shop.sessions, the refused product records to shop.products (fresh keys). */
    private static List<Fixture> sendStraightIntoTheTopics(final List<Fixture> corpus) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1 << 20);
        final List<Fixture> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            long key = 950_000_000L;
            for (final Fixture f : corpus) {
                if (f.kept() || "users".equals(f.file())) {
                    continue;
                }
                final String topic = "sessions".equals(f.file()) ? Names.TOPIC_SESSIONS : Names.TOPIC_PRODUCTS;
                final String k = "sessions".equals(f.file()) ? Long.toString(++key) : Long.toString(productIdOf(f));
                producer.send(new ProducerRecord<>(topic, k, f.bytes()));
                sent.add(f);
            }
            producer.flush();
        }
        return sent;
    }

    /** A data folder: the base files with the corpus appended (only its KEPT records if {@code keptOnly}). */
    private static Path write(final Path dir, final Path base, final List<Fixture> corpus, final boolean keptOnly)
            throws IOException {
        Files.createDirectories(dir);
        for (final String file : List.of("sessions", "products", "users")) {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (final String line : lines(base, file)) {
                bytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (final Fixture f : corpus) {
                if (f.file().equals(file) && (!keptOnly || f.kept())) {
                    bytes.writeBytes(f.bytes());
                    bytes.write('\n');
                }
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve(file + ".jsonl"))) {
                bytes.writeTo(out);
            }
        }
        return dir;
    }

    private static List<String> lines(final Path folder, final String name) throws IOException {
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new DataFolder(folder).open(name)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
