package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.reliability.support.ApiProcess;
import dev.shopreco.reliability.support.ReplayCopies;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.reliability.support.StateCheck;
import dev.shopreco.reliability.support.Traffic;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker restart: the only broker stops in the middle of a replay (the producer still sending, the
 * API's topology processing) and comes back on the same ports with its data after an outage. The
 * producer and the topology resume by themselves; the API keeps answering (lists or 503, never a
 * 500); at the end the state equals the batch reference and {@code reco.served} holds no answer twice.
 */
class BrokerRestartIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String APP = "reco-broker-restart";
    /** How long the broker stays away: the length of the fault, not a wait for a condition. */
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    private static long sent(final Admin admin, final KafkaTopics topics) throws Exception {
        return topics.endOffsets(admin, List.of(Names.TOPIC_SESSIONS)).values().stream().mapToLong(Long::longValue).sum();
    }

    private static long lines(final Path data) throws java.io.IOException {
        try (java.io.BufferedReader reader = new dev.shopreco.common.io.DataFolder(data).open("sessions")) {
            return reader.lines().filter(l -> !l.isBlank()).count();
        }
    }

    @Test
    void shouldResumeAndEqualTheBatchReferenceAfterTheBrokerRestartsMidReplay(@TempDir final Path tmp)
            throws Exception {
        final long started = System.nanoTime();
        final Path data = Scenario.generated(tmp.resolve("data"), 150, 31);
        final StreamsSettings settings = StreamsSettings.defaults().on(KAFKA.bootstrapServers(), APP, tmp);
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(settings, true));
        final long records = reference.interactions().size() + reference.rejected().size();
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        try (ApiProcess api = ApiProcess.create("api", tmp.resolve("api"), KAFKA.bootstrapServers(), APP,
                Scenario.API_ENV)) {
            api.start().awaitHealthy(Duration.ofMinutes(3));
            final CompletableFuture<Integer> replay = Scenario.replay(data, KAFKA.bootstrapServers());
            try (Traffic traffic = new Traffic(List.of(api), reference.catalog().keySet(), user -> user > 550, 5)
                    .start()) {
                // a third of the records processed: the topology is mid-stream (the replay, faster, may be done;
                // a broker restart while the replay sends at full speed is ReplayBrokerRestartIntegrationTest)
                final long stoppedAt;
                final long sentAt;
                try (Admin admin = KAFKA.admin()) {
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                            .until(() -> StateCheck.committedSessions(admin, APP) >= records / 3);
                    stoppedAt = StateCheck.committedSessions(admin, APP);
                    sentAt = sent(admin, topics);
                }
                final boolean replayRunning = !replay.isDone();
                KAFKA.broker().stop();
                Thread.sleep(OUTAGE.toMillis());
                assertTrue(api.isAlive(), "the API outlived the broker");
                KAFKA.broker().start();
                assertEquals(0, replay.get(), "the replay resumed and finished");
                // the producer's half of the promise, on its own: every line once on shop.sessions
                final ReplayCopies copies = ReplayCopies.read(KAFKA.bootstrapServers());
                assertEquals(lines(data), copies.distinct(), "lines on shop.sessions after the replay");
                assertEquals(0, copies.extra(), "lines on shop.sessions twice:\n" + copies.report());
                final List<String> markers = topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Scenario.markerTime());
                try (Admin admin = KAFKA.admin()) {
                    StateCheck.awaitProcessed(admin, topics, APP, api::isAlive);
                    traffic.stop();
                    System.out.printf("Broker restart: broker stopped for %d s with %d of about %d records sent (replay "
                            + "%s) and %d processed; answers %s%n", OUTAGE.toSeconds(), sentAt, records,
                            replayRunning ? "still sending" : "already done", stoppedAt, traffic.outcomes());
                    assertEquals(List.of(), traffic.violations(), "answers that were neither a correct list nor a 503");
                    assertTrue(traffic.answered("200") > 0, "answers during the run: " + traffic.outcomes());
                    final int users = StateCheck.assertServedStateEqualsReference(api.http(), reference);
                    final int served = StateCheck.assertServedOnce(topics);
                    api.stop();
                    final int[] compared = StateCheck.assertStoresEqualReference(admin, KAFKA.bootstrapServers(), APP,
                            tmp.resolve("verify-state"), reference, markers);
                    System.out.printf("Broker restart: invariant holds (%d users over HTTP, %d interactions, %d dead "
                            + "letters); %d answers on reco.served, none twice; %d s%n", users, compared[0], compared[1],
                            served, (System.nanoTime() - started) / 1_000_000_000L);
                }
            }
        }
    }
}
