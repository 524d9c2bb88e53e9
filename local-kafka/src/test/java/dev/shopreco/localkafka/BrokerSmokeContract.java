package dev.shopreco.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * One smoke test body, run against every kind of broker the project supports: the system's topics
 * can be created as configured and a record goes through an idempotent producer and back.
 */
abstract class BrokerSmokeContract {

    /** {@code host:port} of the broker under test. */
    abstract String bootstrapServers();

    @Test
    void shouldCreateTheSystemTopicsAndDeliverARecordOnce() throws Exception {
        final Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            Topics.ensure(admin, Topics.all(TopicSettings.from(Map.of())), Duration.ofSeconds(30));
            final Set<String> names = admin.listTopics().names().get();
            assertTrue(names.containsAll(List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS,
                    Names.TOPIC_REJECTED, Names.TOPIC_INTERACTIONS, Names.TOPIC_SERVED)), "topics: " + names);
            final ConfigResource products = new ConfigResource(ConfigResource.Type.TOPIC, Names.TOPIC_PRODUCTS);
            final Config config = admin.describeConfigs(List.of(products)).all().get().get(products);
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals(TopicSettings.DEFAULT_PARTITIONS, admin.describeTopics(List.of(Names.TOPIC_SESSIONS))
                    .allTopicNames().get().get(Names.TOPIC_SESSIONS).partitions().size());
        }

        final String key = "42";
        final String value = "{\"smoke\":\"" + UUID.randomUUID() + "\"}";
        final Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Names.TOPIC_SERVED, key, value)).get();
        }

        final Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Names.TOPIC_SERVED));
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && received.stream().noneMatch(r -> value.equals(r.value()))) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        final List<ConsumerRecord<String, String>> ours = received.stream().filter(r -> value.equals(r.value())).toList();
        assertEquals(1, ours.size(), "the record arrives exactly once");
        assertEquals(key, ours.get(0).key());
    }
}
