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
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The replay's Kafka: its producers, and the consumer that reads back what a replay delivered. */
final class KafkaTarget implements ReplayTarget {

    /** How long the read-back waits for other producers' open transactions to end before it gives up. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    /** The first window read back from the end of a partition to find its last committed record. */
    private static final int FIRST_WINDOW = 64;

    private final String bootstrapServers;
    private final Duration deliveryTimeout;
    private final KafkaClientSettings client;

    KafkaTarget(final String bootstrapServers, final Duration deliveryTimeout, final KafkaClientSettings client) {
        this.bootstrapServers = bootstrapServers;
        this.deliveryTimeout = deliveryTimeout;
        this.client = client;
    }

    @Override
    public Producer<String, String> newProducer(final String transactionalId) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Transactions, not plain idempotence: a broker forgets an idempotent producer whose last
        // record is dated more than producer.id.expiration.ms ago (it compares the records' own time,
        // event time here) when it reloads its logs, and then appends a retried batch twice. It never
        // forgets a producer with a transaction open, and an end marker is dated by the broker's clock.
        // The client's own retries inside a transaction are therefore safe.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // initTransactions, commitTransaction and a send() waiting for metadata block this long at most;
        // the replay then starts a new attempt, until its delivery timeout
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.min(deliveryTimeout.toMillis(), 60_000)));
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
        try (KafkaConsumer<String, String> consumer = consumer(IsolationLevel.READ_COMMITTED)) {
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
        try (KafkaConsumer<String, String> consumer = consumer(IsolationLevel.READ_COMMITTED)) {
            final List<TopicPartition> ordered = new ArrayList<>();
            for (final String topic : orderedTopics) {
                ordered.addAll(partitions(consumer, topic));
            }
            final List<TopicPartition> rejected = partitions(consumer, rejectedTopic);
            final List<TopicPartition> all = new ArrayList<>(ordered);
            all.addAll(rejected);
            final Map<TopicPartition, Long> end = settledEnds(consumer, all);
            final Map<TopicPartition, Headers> last = new HashMap<>();
            lastRecords(consumer, ordered, notBefore, end, sources).forEach((partition, record) -> last.put(partition, record.headers()));
            final List<Headers> deadLetters = new ArrayList<>();
            readAll(consumer, rejected, notBefore, end, record -> deadLetters.add(record.headers()));
            return DeliveredFrontier.of(last, deadLetters, sources);
        }
    }

    private KafkaConsumer<String, String> consumer(final IsolationLevel isolation) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
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

    /**
     * The end of each partition for a {@code read_committed} consumer once it has reached the high
     * watermark read first: every transaction open at that moment, the replay's own and other
     * producers' (the topology's dead letters), is then decided, so nothing below it can still appear.
     */
    private Map<TopicPartition, Long> settledEnds(final KafkaConsumer<String, String> committed,
            final List<TopicPartition> partitions) {
        final Map<TopicPartition, Long> highWatermarks;
        try (KafkaConsumer<String, String> uncommitted = consumer(IsolationLevel.READ_UNCOMMITTED)) {
            highWatermarks = uncommitted.endOffsets(partitions);
        }
        final long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            final Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
            final List<TopicPartition> open = partitions.stream()
                    .filter(p -> stable.get(p) < highWatermarks.get(p)).toList();
            if (open.isEmpty()) {
                return stable;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Transactions still open after " + SETTLE_TIMEOUT.toSeconds()
                        + " s on " + open.stream().map(p -> p + " (stable " + stable.get(p) + " < "
                                + highWatermarks.get(p) + ")").collect(Collectors.joining(", ")));
            }
            sleep(100);
        }
    }

    /**
     * The last committed record replayed from {@code sources} of each partition that has one at or
     * after its lower bound (its beginning, or {@code notBefore}), below {@code end}. Transaction
     * markers, aborted records and other writers' records take offsets too, so windows growing
     * backwards from the end are read until one holds such a record.
     */
    private static Map<TopicPartition, ConsumerRecord<String, String>> lastRecords(
            final KafkaConsumer<String, String> consumer, final List<TopicPartition> partitions,
            final Map<TopicPartition, Long> notBefore, final Map<TopicPartition, Long> end, final Set<String> sources) {
        final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        final Map<TopicPartition, Long> lower = new HashMap<>();
        partitions.forEach(p -> lower.put(p, Math.max(begin.get(p), notBefore.getOrDefault(p, 0L))));
        final Map<TopicPartition, Long> upper = new HashMap<>(end);
        List<TopicPartition> pending = partitions.stream().filter(p -> end.get(p) > lower.get(p)).toList();
        final Map<TopicPartition, ConsumerRecord<String, String>> last = new HashMap<>();
        long window = FIRST_WINDOW;
        final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!pending.isEmpty()) {
            final Map<TopicPartition, Long> from = new HashMap<>();
            for (final TopicPartition p : pending) {
                from.put(p, Math.max(lower.get(p), upper.get(p) - window));
            }
            consumer.assign(pending);
            pending.forEach(p -> consumer.seek(p, from.get(p)));
            while (pending.stream().anyMatch(p -> consumer.position(p) < upper.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the last records of " + pending + " within 5 minutes");
                }
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < upper.get(partition) && ofSources(record, sources)) {
                        last.merge(partition, record, (a, b) -> b.offset() > a.offset() ? b : a);
                    }
                }
            }
            final List<TopicPartition> further = new ArrayList<>();
            for (final TopicPartition p : pending) {
                if (!last.containsKey(p) && from.get(p) > lower.get(p)) {
                    upper.put(p, from.get(p));
                    further.add(p);
                }
            }
            pending = further;
            window *= 8;
        }
        return last;
    }

    /**
     * Whether {@code record} was replayed from one of {@code sources}: records of other writers (another
     * data set, events sent straight in) may follow the replay's last one and do not end its frontier.
     */
    private static boolean ofSources(final ConsumerRecord<String, String> record, final Set<String> sources) {
        final String source = DeliveredFrontier.header(record.headers(), SourceId.HEADER_SOURCE);
        return source != null && sources.contains(source);
    }

    private static void readAll(final KafkaConsumer<String, String> consumer, final List<TopicPartition> partitions,
            final Map<TopicPartition, Long> notBefore, final Map<TopicPartition, Long> end,
            final Consumer<ConsumerRecord<String, String>> action) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.stream().filter(notBefore::containsKey).forEach(p -> consumer.seek(p, notBefore.get(p)));
        final long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + partitions + " to its end within 5 minutes");
            }
            for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    action.accept(record);
                }
            }
        }
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading back what Kafka holds", e);
        }
    }
}
