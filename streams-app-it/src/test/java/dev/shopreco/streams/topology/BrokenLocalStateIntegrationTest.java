package dev.shopreco.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.producer.ProducerCli;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.support.Invariant;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.Lines;
import dev.shopreco.streams.support.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Local state a killed process left broken does not keep the instance from starting (real broker). */
class BrokenLocalStateIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    /**
     * A process killed while Kafka Streams deleted a RocksDB folder (an expired window segment, or a
     * task it wipes after a crash under exactly-once; a recursive delete, file by file) leaves the
     * folder with its {@code CURRENT} file and without the {@code MANIFEST} it names. A plain
     * {@code start()} then throws "Error opening store" on every attempt; {@link StreamsStarter}
     * deletes that task's folder before starting, the changelogs restore it, and the state still
     * equals the batch reference.
     */
    @Test
    void shouldRestoreATaskWhoseRocksDbFolderAKillLeftHalfDeleted(@TempDir final Path tmp) throws Exception {
        final Path data = tmp.resolve("data");
        assertEquals(0, new CommandLine(new ProducerCli()).execute("generate", "--out", data.toString(),
                "--users", "60", "--seed", "11"));
        final Path stateDir = tmp.resolve("state");
        final StreamsSettings settings = TestSettings.of(Map.of())
                .on(KAFKA.bootstrapServers(), "reco-broken-state-it", stateDir);
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(settings, true));
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        try (Admin admin = KAFKA.admin()) {
            StreamsTopics.ensureAll(admin, TopicSettings.from(Map.of()), Duration.ofSeconds(30));
            assertEquals(0, new CommandLine(new ProducerCli()).execute("replay", "--data", data.toString(),
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress", "--speed", "0"));
            final List<String> markers = topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Lines.now());
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final KafkaStreams first = StreamsStarter.start(settings, () -> client(settings, failure));
            try {
                Invariant.awaitCaughtUp(admin, topics, first, settings.applicationId(), failure);
            } finally {
                // leave the group, so the next instance need not wait for this one's session to time out
                first.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
            }
            breakNewest(stateDir, Names.STORE_USER_INTERACTIONS);

            // (a plain start() here throws "Error opening store user-interactions"; not tried in this
            // JVM, because RocksDB would keep the failed folder's lock for the rest of the run)
            try (KafkaStreams streams = StreamsStarter.start(settings, () -> client(settings, failure))) {
                Invariant.awaitCaughtUp(admin, topics, streams, settings.applicationId(), failure);
                Invariant.assertHolds(reference, streams, topics, markers);
            }
        }
    }

    /** Deletes the MANIFEST files of one RocksDB folder of {@code store}, as a kill mid-delete leaves it. */
    private static Path breakNewest(final Path stateDir, final String store) throws IOException {
        final Path db;
        try (Stream<Path> paths = Files.walk(stateDir)) {
            db = paths.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().equals(store))
                    .filter(p -> Files.isRegularFile(p.resolve("CURRENT")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new AssertionError("no RocksDB folder of " + store + " under " + stateDir));
        }
        try (Stream<Path> files = Files.list(db)) {
            for (final Path manifest : files.filter(f -> f.getFileName().toString().startsWith("MANIFEST-")).toList()) {
                Files.delete(manifest);
            }
        }
        return db;
    }

    private static KafkaStreams client(final StreamsSettings settings, final AtomicReference<Throwable> failure) {
        final KafkaStreams client = new KafkaStreams(RecoTopology.build(settings, new StateVersions()), RecoTopology.config(settings));
        client.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return client;
    }
}
