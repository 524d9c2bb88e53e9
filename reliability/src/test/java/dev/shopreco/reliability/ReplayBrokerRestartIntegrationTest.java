package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.reliability.support.ReplayCopies;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.streams.support.KafkaTopics;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts while {@code producer.jar replay} sends at full speed (no {@code --speed}):
 * {@code shop.sessions} must end with every line exactly once, checked by the replay's own headers
 * ({@code replay.source}, {@code replay.seq}), not only by counting.
 */
class ReplayBrokerRestartIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @Test
    void shouldDeliverEveryLineOnceWhenTheBrokerRestartsDuringAFullSpeedReplay(@TempDir final Path tmp)
            throws Exception {
        final Path data = Scenario.generated(tmp.resolve("data"), 150, 31);
        final long lines;
        try (BufferedReader reader = new DataFolder(data).open(DataFolder.SESSIONS)) {
            lines = reader.lines().filter(l -> !l.isBlank()).count();
        }
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        final CompletableFuture<Integer> replay = Scenario.replay(data, KAFKA.bootstrapServers());
        final Map<TopicPartition, Long> atStop;
        try (Admin admin = KAFKA.admin()) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sent(admin, topics) >= lines / 2);
            atStop = topics.endOffsets(admin, List.of(Names.TOPIC_SESSIONS));
        }
        assertTrue(!replay.isDone(), "the replay is still sending");
        KAFKA.broker().stop();
        // the outage is the fault injected, not a wait for a condition
        Thread.sleep(8_000);
        KAFKA.broker().start();
        final Map<TopicPartition, Long> afterStart;
        try (Admin admin = KAFKA.admin()) {
            afterStart = topics.endOffsets(admin, List.of(Names.TOPIC_SESSIONS));
        }
        assertEquals(0, replay.get(), "the replay resumed and finished");
        final ReplayCopies copies = ReplayCopies.read(KAFKA.bootstrapServers());
        System.out.printf("end offsets just before the stop %s, just after the restart %s%n%s", byPartition(atStop),
                byPartition(afterStart), copies.report());
        assertEquals(lines, copies.distinct(), "distinct lines (replay.source, replay.seq) on shop.sessions");
        assertEquals(0, copies.extra(), "records on shop.sessions written more than once:\n" + copies.report());
    }

    private static Map<Integer, Long> byPartition(final Map<TopicPartition, Long> offsets) {
        final Map<Integer, Long> sorted = new TreeMap<>();
        offsets.forEach((p, o) -> sorted.put(p.partition(), o));
        return sorted;
    }

    private static long sent(final Admin admin, final KafkaTopics topics) throws Exception {
        return topics.endOffsets(admin, List.of(Names.TOPIC_SESSIONS)).values().stream().mapToLong(Long::longValue).sum();
    }
}
