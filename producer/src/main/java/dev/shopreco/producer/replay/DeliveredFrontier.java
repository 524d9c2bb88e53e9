package dev.shopreco.producer.replay;

import dev.shopreco.common.kafka.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier replay of the same files already delivered, read back from Kafka itself, so that
 * a resumed replay sends every line exactly once even after a crash of the producer.
 *
 * <p>The replay writes each line to a partition computed from its key and keeps the order of each
 * partition with no gap: one request in flight, no retries inside the client, and the first failed
 * record stops everything queued behind it ({@link Replayer}). The replay's order of a file is deterministic (file order, or a
 * stable sort by time), so the last record of a partition tells, through its {@code replay.seq}
 * header, that every line before it in that order and partition is there too: a line is delivered
 * iff its position is at most the frontier of its partition. Dead letters share their topic
 * with the topology, so their lines are collected from the whole topic instead.
 */
final class DeliveredFrontier {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveredFrontier.class);

    private final Map<TopicPartition, Long> lastLine;
    private final Set<String> rejectedLines;

    private DeliveredFrontier(final Map<TopicPartition, Long> lastLine, final Set<String> rejectedLines) {
        this.lastLine = lastLine;
        this.rejectedLines = rejectedLines;
    }

    /** Nothing delivered yet: a replay from the first line. */
    static DeliveredFrontier none() {
        return new DeliveredFrontier(Map.of(), Set.of());
    }

    /** The end offsets of every partition of {@code topics} now. */
    static Map<TopicPartition, Long> endOffsets(final String bootstrapServers, final List<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : topics) {
                partitions.addAll(partitions(consumer, topic));
            }
            return Map.copyOf(consumer.endOffsets(partitions));
        }
    }

    /**
     * Reads the frontier of {@code sources} (file -> source id) in {@code orderedTopics} and the
     * dead letters of those sources in {@code rejectedTopic}, from the records at or after
     * {@code notBefore} (per partition; from the beginning where it has none).
     */
    static DeliveredFrontier read(final String bootstrapServers, final List<String> orderedTopics,
            final String rejectedTopic, final Set<String> sources, final Map<TopicPartition, Long> notBefore) {
        final Map<TopicPartition, Long> frontier = new HashMap<>();
        final Set<String> rejected = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            final List<TopicPartition> ordered = new ArrayList<>();
            for (final String topic : orderedTopics) {
                ordered.addAll(partitions(consumer, topic));
            }
            lastRecords(consumer, ordered, notBefore).forEach((partition, record) -> {
                final String source = header(record, SourceId.HEADER_SOURCE);
                if (source != null && sources.contains(source)) {
                    frontier.put(partition, Long.parseLong(header(record, SourceId.HEADER_SEQ)));
                } else if (source != null) {
                    LOG.warn("{} ends with a record of another data set ({}): its lines of this data set are sent again",
                            partition, source);
                }
            });
            readAll(consumer, partitions(consumer, rejectedTopic), notBefore, record -> {
                final String source = header(record, SourceId.HEADER_SOURCE);
                if (source != null && sources.contains(source)) {
                    rejected.add(source + "#" + header(record, SourceId.HEADER_LINE));
                }
            });
        }
        return new DeliveredFrontier(frontier, rejected);
    }

    /** Whether the line at position {@code seq} of the replay's order, written to {@code partition}, was delivered before. */
    boolean delivered(final TopicPartition partition, final long seq) {
        final Long last = lastLine.get(partition);
        return last != null && seq <= last;
    }

    /** Whether the dead letter for {@code line} of {@code source} was delivered before. */
    boolean rejectedDelivered(final String source, final long line) {
        return rejectedLines.contains(source + "#" + line);
    }

    boolean isEmpty() {
        return lastLine.isEmpty() && rejectedLines.isEmpty();
    }

    private static KafkaConsumer<String, String> consumer(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        KafkaClientSettings.addTo(props);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<String, String> consumer, final String topic) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " does not exist: create the topics first"
                    + " (the local-kafka launcher does, or run with --create-topics)");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /** The last record of each non-empty partition, fetched together (one round of fetches, not one per partition). */
    private static Map<TopicPartition, ConsumerRecord<String, String>> lastRecords(
            final KafkaConsumer<String, String> consumer, final List<TopicPartition> partitions,
            final Map<TopicPartition, Long> notBefore) {
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        final List<TopicPartition> nonEmpty = partitions.stream()
                .filter(p -> end.get(p) > Math.max(begin.get(p), notBefore.getOrDefault(p, 0L))).toList();
        final Map<TopicPartition, ConsumerRecord<String, String>> last = new HashMap<>();
        if (nonEmpty.isEmpty()) {
            return last;
        }
        consumer.assign(nonEmpty);
        nonEmpty.forEach(p -> consumer.seek(p, end.get(p) - 1));
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (last.size() < nonEmpty.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read the last records of " + nonEmpty);
            }
            for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() == end.get(partition) - 1) {
                    last.put(partition, record);
                }
            }
        }
        return last;
    }

    private static void readAll(final KafkaConsumer<String, String> consumer, final List<TopicPartition> partitions,
            final Map<TopicPartition, Long> notBefore,
            final java.util.function.Consumer<ConsumerRecord<String, String>> action) {
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.stream().filter(notBefore::containsKey).forEach(p -> consumer.seek(p, notBefore.get(p)));
        final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + partitions + " to its end within 5 minutes");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(action);
        }
    }

    private static String header(final ConsumerRecord<?, ?> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
