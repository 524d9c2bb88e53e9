package dev.shopreco.producer.replay;

import dev.shopreco.common.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The replay's Kafka: its producers, and the consumer that reads back what a replay delivered. */
final class KafkaTarget implements ReplayTarget {

    private final String bootstrapServers;
    private final Duration deliveryTimeout;
    private final KafkaClientSettings client;

    KafkaTarget(final String bootstrapServers, final Duration deliveryTimeout, final KafkaClientSettings client) {
        this.bootstrapServers = bootstrapServers;
        this.deliveryTimeout = deliveryTimeout;
        this.client = client;
    }

    @Override
    public Producer<String, String> newProducer() {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // No retries inside the client, hence no idempotence (it needs retries), and one request in
        // flight so that a failed batch is never overtaken: the first failure stops the attempt
        // (FailFastProducer) and the replay goes on from what Kafka holds. Kafka's idempotence cannot
        // be relied on here: the broker forgets a producer whose last record is dated more than
        // producer.id.expiration.ms ago (it compares the records' own time, event time from 2020)
        // when it reloads its logs, so after a broker restart a retried batch was written twice.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.RETRIES_CONFIG, "0");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        // a send() waiting for metadata or buffer space while the broker is away waits this long at most
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        // throughput: fill batches of small JSON lines for a few ms, compress them
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "shop-reco-replay");
        return new KafkaProducer<>(client.addTo(p), new StringSerializer(), new StringSerializer());
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(final List<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : topics) {
                partitions.addAll(partitions(consumer, topic));
            }
            return Map.copyOf(consumer.endOffsets(partitions));
        }
    }

    @Override
    public DeliveredFrontier frontier(final List<String> orderedTopics, final String rejectedTopic,
            final Set<String> sources, final Map<TopicPartition, Long> notBefore) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            final List<TopicPartition> ordered = new ArrayList<>();
            for (final String topic : orderedTopics) {
                ordered.addAll(partitions(consumer, topic));
            }
            final Map<TopicPartition, Headers> last = new HashMap<>();
            lastRecords(consumer, ordered, notBefore).forEach((partition, record) -> last.put(partition, record.headers()));
            final List<Headers> deadLetters = new ArrayList<>();
            readAll(consumer, partitions(consumer, rejectedTopic), notBefore, record -> deadLetters.add(record.headers()));
            return DeliveredFrontier.of(last, deadLetters, sources);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        client.addTo(props);
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
            final Map<TopicPartition, Long> notBefore, final Consumer<ConsumerRecord<String, String>> action) {
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
}
