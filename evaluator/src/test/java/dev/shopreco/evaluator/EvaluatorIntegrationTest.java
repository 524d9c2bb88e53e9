package dev.shopreco.evaluator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.evaluator.snapshot.DataFolderSnapshot;
import dev.shopreco.evaluator.snapshot.KafkaSnapshot;
import dev.shopreco.evaluator.snapshot.Snapshot;
import dev.shopreco.evaluator.snapshot.SnapshotFile;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.producer.ProducerCli;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The evaluator against the system: a generated data set replayed by the producer into a real broker,
 * cleaned by the topology (exactly_once_v2, 3 partitions), snapshotted from {@code shop.interactions}; the
 * snapshot must hold exactly the batch reference's interactions, and the stable entry point evaluates
 * it straight from Kafka and saves it. Then the original's findings and the served models' relation to
 * the offline baselines on the default data set, through the same entry point: its interactions are
 * the ones the topology writes (RecoTopologyIntegrationTest replays the whole set and compares every
 * interaction with the batch reference), so the folder stands for the topic there.
 *
 * <p>End of input is not an event-time signal: when the replay stops, sessions not yet idle for the gap
 * still hold events waiting for a user (streams-app calls them pending). Those never become
 * interactions, in the topology or in the reference (open or closed at the end, the reference emits
 * the same interactions), so the snapshot can be compared as soon as the topology has committed its
 * consumption of every {@code shop.sessions} record, with no marker event to close the sessions.
 */
class EvaluatorIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorIntegrationTest.class);
    private static final String APP_ID = "evaluator-it";

    @Test
    void shouldSnapshotWhatTheBatchReferenceComputesAndEvaluateItFromKafka(@TempDir final Path tmp)
            throws Exception {
        final long started = System.nanoTime();
        final Path data = tmp.resolve("data");
        assertEquals(0, new CommandLine(new ProducerCli()).execute("generate", "--out", data.toString(),
                "--users", "150", "--seed", "5"));
        final Snapshot fromData = DataFolderSnapshot.read(data);
        final StreamsSettings settings = StreamsSettings.defaults().on(KAFKA.bootstrapServers(), APP_ID, tmp.resolve("state"));
        try (Admin admin = KAFKA.admin();
                KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions()), RecoTopology.config(settings))) {
            StreamsTopics.ensureAll(admin, TopicSettings.from(Map.of()), Duration.ofSeconds(30));
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            assertEquals(0, new CommandLine(new ProducerCli()).execute("replay", "--data", data.toString(),
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress"));
            awaitSessionsCommitted(admin);
            LOG.info("Replayed and cleaned {} in {} s", data, seconds(started));

            final Snapshot fromTopic = KafkaSnapshot.read(KAFKA.bootstrapServers(), Duration.ofMinutes(1),
                    KafkaClientSettings.NONE);
            assertSameMultiset(fromData.interactions(), fromTopic.interactions());
            assertEquals(fromData.catalog(), fromTopic.catalog());
            LOG.info("Snapshot equals the batch reference: {} interactions, {} s", fromTopic.interactions().size(),
                    seconds(started));
        }

        // the stable entry point on the topic, saving what it read
        final Path file = tmp.resolve("snapshot.jsonl.gz");
        cli("--bootstrap-servers", KAFKA.bootstrapServers(), "--save-snapshot", file.toString(),
                "--protocol", "seed", "--out", tmp.resolve("seed").toString());
        assertEquals(fromData.interactions(), SnapshotFile.read(file).interactions());
        final JsonNode seed = Json.mapper().readTree(tmp.resolve("seed").resolve("results.json").toFile());
        assertEquals("kafka", seed.get("snapshot").get("source").asText());
        assertEquals(3, seed.get("snapshot").get("end_offsets").get(Names.TOPIC_INTERACTIONS).size());
        assertTrue(seed.get("users").asLong() > 100, "most of the 150 users have a test pair");
    }

    @Test
    void shouldFindTheOriginalsResultsAndTheServedEaseOnTheDefaultDataSet(@TempDir final Path tmp) throws Exception {
        final long started = System.nanoTime();
        final Path data = defaultDataSet(tmp);
        final String seedTable = cli("--data", data.toString(), "--protocol", "seed",
                "--out", tmp.resolve("seed").toString());
        // whole histories in the item Gram matrices (the default window of 200 binds for a few users
        // here), so that the served ITEM_EASE can be compared with the offline EASE exactly
        final String temporalTable = cli("--data", data.toString(), "--protocol", "temporal",
                "--gram-window", "1000000", "--out", tmp.resolve("temporal").toString());
        LOG.info("Both protocols in {} s total:\n{}\n{}", seconds(started), seedTable, temporalTable);

        final JsonNode seed = Json.mapper().readTree(tmp.resolve("seed").resolve("results.json").toFile());
        assertTrue(seed.get("users").asLong() > 900, "about 1,000 users have a test pair");
        assertTrue(recall(seed, "POPULARITY") > 3 * recall(seed, "RANDOM"),
                "the original's finding: popularity far above random when the models see the test set");
        final JsonNode temporal = Json.mapper().readTree(tmp.resolve("temporal").resolve("results.json").toFile());
        assertTrue(temporal.get("models").get("POPULARITY").get("ndcg@10:new").asDouble()
                > temporal.get("models").get("RANDOM").get("ndcg@10:new").asDouble());
        assertTrue(Files.exists(tmp.resolve("temporal").resolve("recall_at_k_new.png")));
        // the offline baselines set a bar above popularity for new products with the default set's
        // personal structure
        assertTrue(temporal.get("models").get("EASE").get("ndcg@10:new").asDouble()
                > temporal.get("models").get("POPULARITY").get("ndcg@10:new").asDouble());
        // the served ITEM_EASE, fitted on the item Gram rows of the state with nothing capped, is that
        // same EASE
        for (final String metric : List.of("ndcg@10", "ndcg@10:new")) {
            assertEquals(temporal.get("models").get("EASE").get(metric).asDouble(),
                    temporal.get("models").get("ITEM_EASE").get(metric).asDouble(), 1e-9, metric);
        }
        // and HYBRID, the best model on this data set, is at least 98 % of it on new products
        assertTrue(temporal.get("models").get("HYBRID").get("ndcg@10:new").asDouble()
                >= 0.98 * temporal.get("models").get("EASE").get("ndcg@10:new").asDouble());
    }

    private static double recall(final JsonNode results, final String model) {
        return results.get("models").get(model).get("recall@10").asDouble();
    }

    private static String cli(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String[] all = Stream.concat(Arrays.stream(args), Stream.of("--no-progress")).toArray(String[]::new);
        assertEquals(0, new CommandLine(new EvaluatorCli(new PrintStream(out, true, StandardCharsets.UTF_8))).execute(all));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Equal as multisets, with the differences named if not. */
    private static void assertSameMultiset(final List<Interaction> expected, final List<Interaction> actual) {
        final Map<Interaction, Long> want = expected.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        final Map<Interaction, Long> got = actual.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        final Map<Interaction, Long> missing = new HashMap<>();
        final Map<Interaction, Long> extra = new HashMap<>();
        want.forEach((k, n) -> {
            if (n > got.getOrDefault(k, 0L)) {
                missing.put(k, n - got.getOrDefault(k, 0L));
            }
        });
        got.forEach((k, n) -> {
            if (n > want.getOrDefault(k, 0L)) {
                extra.put(k, n - want.getOrDefault(k, 0L));
            }
        });
        assertTrue(missing.isEmpty() && extra.isEmpty(), () -> "reference " + expected.size() + " vs topic "
                + actual.size() + "; missing from the topic " + missing.size() + " e.g. "
                + missing.keySet().stream().limit(5).toList() + "; extra " + extra.size() + " e.g. "
                + extra.keySet().stream().limit(5).toList());
        assertEquals(expected, actual, "both in canonical order");
    }

    /** Waits until the topology has committed (exactly-once) every record of shop.sessions. */
    private static void awaitSessionsCommitted(final Admin admin) {
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Names.TOPIC_SESSIONS)).allTopicNames().get().get(Names.TOPIC_SESSIONS)
                    .partitions().forEach(p -> latest.put(new TopicPartition(Names.TOPIC_SESSIONS, p.partition()),
                            OffsetSpec.latest()));
            final Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get();
            for (final Map.Entry<TopicPartition, ListOffsetsResultInfo> end
                    : admin.listOffsets(latest).all().get().entrySet()) {
                final OffsetAndMetadata offset = committed.get(end.getKey());
                if (end.getValue().offset() > 0 && (offset == null || offset.offset() < end.getValue().offset())) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * The folder named by {@code -Dshop.data} or {@code SHOP_DATA_DIR}, else the project's {@code data/};
     * without it, the generator's default set (deterministic, the same files as {@code data/}).
     */
    private static Path defaultDataSet(final Path scratch) throws IOException {
        final String configured = System.getProperty("shop.data", System.getenv("SHOP_DATA_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (Files.isRegularFile(Path.of("../data/products.jsonl"))) {
            return Path.of("../data");
        }
        final Path generated = Files.createDirectories(scratch.resolve("data"));
        assertEquals(0, new CommandLine(new ProducerCli()).execute("generate", "--out", generated.toString(), "--gzip"));
        return generated;
    }

    private static long seconds(final long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }
}
