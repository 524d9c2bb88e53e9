package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.streams.support.KafkaTopics;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
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
        final Copies copies = copies();
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

    /** Every record of shop.sessions by its replay identity, with the offsets of its copies. */
    private static Copies copies() {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        final Map<String, List<String>> byLine = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Names.TOPIC_SESSIONS).stream()
                    .map(p -> new TopicPartition(Names.TOPIC_SESSIONS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (final ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    byLine.computeIfAbsent(header(r, "replay.source") + "#" + header(r, "replay.seq"),
                            k -> new ArrayList<>()).add(r.partition() + "@" + r.offset());
                }
            }
        }
        return new Copies(byLine);
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Copies(Map<String, List<String>> byLine) {
        long distinct() {
            return byLine.size();
        }

        long extra() {
            return byLine.values().stream().mapToLong(l -> l.size() - 1).sum();
        }

        /** Per partition: the offset ranges of first copies and of second copies of the duplicated lines. */
        String report() {
            final Map<Integer, long[]> first = new TreeMap<>();
            final Map<Integer, long[]> second = new TreeMap<>();
            final Map<Integer, Long> count = new TreeMap<>();
            byLine.values().stream().filter(l -> l.size() > 1).forEach(l -> {
                final String[] a = l.get(0).split("@");
                final String[] b = l.get(1).split("@");
                final int p = Integer.parseInt(a[0]);
                range(first, p, Long.parseLong(a[1]));
                range(second, Integer.parseInt(b[0]), Long.parseLong(b[1]));
                count.merge(p, 1L, Long::sum);
            });
            final StringBuilder s = new StringBuilder("distinct lines " + distinct() + ", extra copies " + extra() + "\n");
            count.forEach((p, n) -> s.append(String.format("  partition %d: %d duplicated lines, first copies at offsets %d..%d,"
                    + " second copies at %d..%d%n", p, n, first.get(p)[0], first.get(p)[1], second.get(p)[0], second.get(p)[1])));
            return s.toString();
        }

        private static void range(final Map<Integer, long[]> ranges, final int p, final long offset) {
            final long[] r = ranges.computeIfAbsent(p, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            r[0] = Math.min(r[0], offset);
            r[1] = Math.max(r[1], offset);
        }
    }
}
