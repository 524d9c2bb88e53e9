package dev.shopreco.evaluator.snapshot;

import dev.shopreco.common.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning up to the end offsets taken when the read starts, without
 * a consumer group (nothing is committed, nothing rebalances): a consistent cut of a topic that
 * others keep writing to.
 */
final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Duration timeout;
    private final KafkaClientSettings client;

    TopicReader(final String bootstrapServers, final Duration timeout, final KafkaClientSettings client) {
        this.client = client;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /**
     * Hands every record below the end offsets to {@code sink}, partition by partition in offset order
     * within each, and returns the end offsets (partition to offset).
     *
     * @throws IllegalStateException if the topic does not exist or the read stalls for {@code timeout}
     */
    Map<Integer, Long> read(final String topic, final Consumer<ConsumerRecord<String, String>> sink) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist on " + bootstrapServers);
            }
            // under read_committed these are the last stable offsets: open transactions are left out
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastProgress = System.nanoTime();
            while (!reachedEnd(consumer, partitions, end)) {
                boolean progressed = false;
                for (final ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)) {
                        sink.accept(record);
                        progressed = true;
                    }
                }
                if (progressed) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "Reading %s stalled for %s before its end offsets %s", topic, timeout, end));
                }
            }
            final Map<Integer, Long> offsets = new TreeMap<>();
            end.forEach((partition, offset) -> offsets.put(partition.partition(), offset));
            return offsets;
        }
    }

    /** Positions can pass the end (transaction markers take offsets), never stop short of it. */
    private static boolean reachedEnd(final KafkaConsumer<String, String> consumer,
            final List<TopicPartition> partitions, final Map<TopicPartition, Long> end) {
        for (final TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private Properties properties() {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // the topology writes shop.interactions in exactly-once transactions: read only committed ones
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // larger fetches: a snapshot reads whole topics, latency does not matter
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        return client.addTo(props);
    }
}
