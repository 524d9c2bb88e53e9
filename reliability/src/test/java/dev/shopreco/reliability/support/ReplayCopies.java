package dev.shopreco.reliability.support;

import dev.shopreco.common.Names;
import dev.shopreco.localkafka.CommittedEnds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of {@code shop.sessions} by its replay identity ({@code replay.source},
 * {@code replay.seq}), with the partition and offset of each copy: what a replay delivered, judged
 * line by line rather than by counting. Read as the topology reads ({@code read_committed}).
 */
public record ReplayCopies(Map<String, List<String>> byLine) {

    /** Reads {@code shop.sessions} from the beginning to its end. */
    public static ReplayCopies read(final String bootstrapServers) {
        return read(bootstrapServers, null);
    }

    /**
     * Reads {@code shop.sessions} from the beginning to its end, keeping the records replayed from
     * {@code sessionsFile} alone (by the name and size its {@code replay.source} header starts with),
     * or every record if it is null.
     */
    public static ReplayCopies read(final String bootstrapServers, final Path sessionsFile) {
        final String prefix;
        try {
            prefix = sessionsFile == null ? "" : sessionsFile.getFileName() + ":" + Files.size(sessionsFile) + ":";
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final Map<String, List<String>> byLine = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Names.TOPIC_SESSIONS).stream()
                    .map(p -> new TopicPartition(Names.TOPIC_SESSIONS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = CommittedEnds.of(bootstrapServers, partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (final ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    final String source = header(r, "replay.source");
                    if (source != null && source.startsWith(prefix)) {
                        byLine.computeIfAbsent(source + "#" + header(r, "replay.seq"), k -> new ArrayList<>())
                                .add(r.partition() + "@" + r.offset());
                    }
                }
            }
        }
        return new ReplayCopies(byLine);
    }

    /** Lines present at least once. */
    public long distinct() {
        return byLine.size();
    }

    /** Copies beyond the first, over all lines. */
    public long extra() {
        return byLine.values().stream().mapToLong(l -> l.size() - 1).sum();
    }

    /** Per partition: the offset ranges of first copies and of second copies of the duplicated lines. */
    public String report() {
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
        count.forEach((p, n) -> s.append(String.format("  partition %d: %d duplicated lines, first copies at offsets"
                + " %d..%d, second copies at %d..%d%n", p, n, first.get(p)[0], first.get(p)[1], second.get(p)[0],
                second.get(p)[1])));
        return s.toString();
    }

    private static void range(final Map<Integer, long[]> ranges, final int p, final long offset) {
        final long[] r = ranges.computeIfAbsent(p, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
        r[0] = Math.min(r[0], offset);
        r[1] = Math.max(r[1], offset);
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
