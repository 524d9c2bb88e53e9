package dev.shopreco.streams.support;

import dev.shopreco.common.Names;
import dev.shopreco.localkafka.CommittedEnds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** Reading and probing topics of a real broker in integration tests. */
public final class KafkaTopics {

    private final String bootstrapServers;

    public KafkaTopics(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every committed value of {@code topic}, from the beginning to its current end ({@link CommittedEnds}). */
    public <V> List<V> readAll(final String topic, final Deserializer<V> values) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        final List<V> all = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = CommittedEnds.of(bootstrapServers, partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (final ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    all.add(record.value());
                }
            }
        }
        return all;
    }

    /** End offsets (last stable offsets) of every partition of {@code topics}. */
    public Map<TopicPartition, Long> endOffsets(final Admin admin, final List<String> topics)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                        OffsetSpec.latest())));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Whether the group has committed every partition of {@code topics} up to its end. */
    public boolean caughtUp(final Admin admin, final String group, final Map<TopicPartition, Long> end)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            final OffsetAndMetadata offset = committed.get(e.getKey());
            if (e.getValue() > 0 && (offset == null || offset.offset() < e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends to every partition of {@code shop.sessions} an event without product dated {@code time}:
     * it moves each task's event-time watermark, so sessions idle for the gap get swept. Returns the
     * records' texts (the topology refuses them with MISSING_PRODUCT_ID).
     */
    public List<String> sendWatermarks(final int partitions, final String time) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        final List<String> texts = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int partition = 0; partition < partitions; partition++) {
                long session = 2_000_000_000L;
                while (Utils.toPositive(Utils.murmur2(Long.toString(session).getBytes(StandardCharsets.UTF_8))) % partitions != partition) {
                    session++;
                }
                final String text = Lines.event(session, time, null, null, "VIEW_PRODUCT");
                producer.send(new ProducerRecord<>(Names.TOPIC_SESSIONS, partition, null, Long.toString(session), text));
                texts.add(text);
            }
            producer.flush();
        }
        return texts;
    }
}
