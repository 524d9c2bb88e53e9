package dev.shopreco.bench;

import dev.shopreco.common.Names;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling: every session record consumed once and produced once to another topic, as bytes, with
 * the clients' defaults (idempotent, acks=all), no processing and no transactions.
 */
final class CeilingPass {

    private final String bootstrap;
    private final String target;

    CeilingPass(final String bootstrap, final String target) {
        this.bootstrap = bootstrap;
        this.target = target;
    }

    TopologyBench.Throughput run(final long expected) {
        final Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        final Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Names.TOPIC_SESSIONS).stream()
                    .map(p -> new TopicPartition(Names.TOPIC_SESSIONS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long copied = 0;
            while (copied < expected) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    producer.send(new ProducerRecord<>(target, null, record.timestamp(), record.key(), record.value()),
                            (m, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    copied++;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The ceiling pass lost a record", failure.get());
        }
        return new TopologyBench.Throughput(expected, System.nanoTime() - started);
    }
}
