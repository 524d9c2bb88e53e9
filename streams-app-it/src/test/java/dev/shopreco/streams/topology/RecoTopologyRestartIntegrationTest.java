package dev.shopreco.streams.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.producer.ProducerCli;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InputBacklog;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.support.Invariant;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.Lines;
import dev.shopreco.streams.support.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/design.md §2: "a restart in the middle does not change that". The instance is stopped while the
 * replay is still running, its local state is thrown away, and a new instance restores every store
 * from the changelogs and carries on; the end state must still equal the batch reference.
 */
class RecoTopologyRestartIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @Test
    void shouldEqualTheBatchReferenceAfterARestartWithLostLocalStateMidway(@TempDir final Path tmp)
            throws Exception {
        final Path data = tmp.resolve("data");
        assertEquals(0, new CommandLine(new ProducerCli()).execute("generate", "--out", data.toString(),
                "--users", "150", "--seed", "7"));
        final StreamsSettings first = TestSettings.of(Map.of())
                .on(KAFKA.bootstrapServers(), "reco-restart-it", tmp.resolve("state-1"));
        final StreamsSettings second = first.on(KAFKA.bootstrapServers(), "reco-restart-it", tmp.resolve("state-2"));
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(first, true));
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        final long total = reference.interactions().size();
        try (Admin admin = KAFKA.admin()) {
            StreamsTopics.ensureAll(admin, TopicSettings.from(Map.of()), Duration.ofSeconds(30));
            final CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(() ->
                    new CommandLine(new ProducerCli()).execute("replay", "--data", data.toString(),
                            "--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress", "--speed", "0"));
            final Instance stopped = start(first, new AtomicReference<>());
            // stop once about a third of the events went through, with most of the work still ahead
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> committed(admin, first.applicationId()) > total / 3);
            stopped.close();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            try (Instance instance = start(second, failure)) {
                final KafkaStreams streams = instance.streams();
                assertEquals(0, replay.get());
                final List<String> markers = topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS,
                        Lines.now());
                Invariant.awaitCaughtUp(admin, topics, streams, second.applicationId(), failure);
                Invariant.assertHolds(reference, streams, topics, markers);
            }
        }
    }

    /**
     * Starts the topology as a host does: with its tasks' input backlog read every 200 ms, under which
     * the Gram flush waits for changes instead of the 1 s clock of {@link TestSettings}.
     */
    private static Instance start(final StreamsSettings settings, final AtomicReference<Throwable> failure) {
        final InputBacklog backlog = new InputBacklog();
        final KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions(), backlog),
                RecoTopology.config(settings));
        streams.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return new Instance(streams, backlog.watch(streams, Duration.ofMillis(200)));
    }

    /** A started client and its backlog reading; closing leaves the group, so the next need not wait out a session. */
    private record Instance(KafkaStreams streams, InputBacklog.Watch watch) implements AutoCloseable {
        @Override
        public void close() {
            watch.close();
            streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    private static long committed(final Admin admin, final String group) throws Exception {
        long sum = 0;
        for (final Map.Entry<TopicPartition, OffsetAndMetadata> e
                : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
            if (e.getKey().topic().equals(Names.TOPIC_SESSIONS) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }
}
