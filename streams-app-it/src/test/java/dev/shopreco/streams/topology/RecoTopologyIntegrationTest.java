package dev.shopreco.streams.topology;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.producer.ProducerCli;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InputBacklog;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.support.DataSets;
import dev.shopreco.streams.support.Invariant;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.Lines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The invariant of docs/design.md §2 on the default data set through a real broker: replay with the producer,
 * let the topology (exactly_once_v2, 3 partitions) process it, then compare with the batch reference:
 * every cleaned interaction, every dead letter, every s(u,p), popularity value and profile.
 *
 * <p>End of input is not an event-time signal: when the replay stops, sessions that have not been
 * idle for the gap are still open and their waiting events still wait (the reference calls them
 * pending). The test then sends, to every partition, an event without product dated far in the
 * future; it moves stream time past every gap, the sweep refuses what still waits, and the topology
 * must then hold exactly what the reference computes with open sessions closed at the end. Those
 * marker records are refused (MISSING_PRODUCT_ID) and left out of the comparison.
 *
 * <p>The topology runs as a host runs it, reading its tasks' input backlog from the client
 * ({@link InputBacklog#watch}): the replay outruns it, so its item-Gram flushes follow changes rather
 * than the clock until it catches up, and the invariant holds through that too.
 */
class RecoTopologyIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final Logger LOG = LoggerFactory.getLogger(RecoTopologyIntegrationTest.class);

    @Test
    void shouldEqualTheBatchReferenceAfterReplayingTheDefaultDataSet(@TempDir final Path tmp) throws Exception {
        final long started = System.nanoTime();
        final Path data = DataSets.defaultDataSet(tmp);
        // windows, a kept set and postings smaller than the data's (users touch about 150 of 319 products,
        // a product has hundreds of users): the cells and postings kept must equal the batch's exactly; the
        // kept set is applied within a second of a change; the clock's Gram flush, which the replay's
        // backlog holds back, comes 5 s after the backlog is worked off instead of up to 30 s
        final StreamsSettings settings = StreamsSettings.from(Map.of("ITEM_GRAM_USER_WINDOW", "60",
                "ITEM_EASE_MAX_PRODUCTS", "200", "ITEM_GRAM_KEPT_INTERVAL", "PT1S", "USER_KNN_USERS_PER_PRODUCT", "50",
                "ITEM_GRAM_FLUSH_INTERVAL", "PT5S"))
                .on(KAFKA.bootstrapServers(), "reco-it", tmp.resolve("state"));
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(settings, true));
        // the host's reading of each task's input backlog, under which the Gram flush waits for changes
        final InputBacklog backlog = new InputBacklog();
        final AtomicLong mostWaiting = new AtomicLong();
        final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (Admin admin = KAFKA.admin();
                KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions(), backlog),
                        RecoTopology.config(settings));
                InputBacklog.Watch watch = backlog.watch(streams, Duration.ofMillis(200))) {
            sampler.scheduleAtFixedRate(() -> mostWaiting.accumulateAndGet(backlog.total(), Math::max),
                    100, 100, TimeUnit.MILLISECONDS);
            StreamsTopics.ensureAll(admin, TopicSettings.from(Map.of()), Duration.ofSeconds(30));
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            assertEquals(0, new CommandLine(new ProducerCli()).execute("replay", "--data", data.toString(),
                    "--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress"));
            final List<String> markers = topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Lines.now());
            Invariant.awaitCaughtUp(admin, topics, streams, settings.applicationId(), failure);
            LOG.info("Replayed and processed {} in {} s; at most {} records waited in the tasks' input", data,
                    (System.nanoTime() - started) / 1_000_000_000L, mostWaiting.get());
            assertTrue(mostWaiting.get() >= settings.flushBacklog(),
                    "the replay outran the topology, which the backlog reading saw: " + mostWaiting.get());
            await().atMost(Duration.ofSeconds(30)).until(() -> backlog.total() == 0);

            final int[] compared = Invariant.assertHolds(reference, streams, topics, markers);

            assertTrue(reference.recoveredEvents() > 0, "the data set exercises user recovery");
            assertTrue(reference.rejected().stream().anyMatch(r -> r.reason() == RejectReason.MISSING_PRODUCT_ID));
            LOG.info("Invariant holds: {} users, {} interactions ({} with a recovered user), {} refused by the "
                    + "topology, in {} s", reference.state().users().size(), compared[0],
                    reference.recoveredEvents(), compared[1], (System.nanoTime() - started) / 1_000_000_000L);
        } finally {
            sampler.shutdownNow();
        }
    }
}
