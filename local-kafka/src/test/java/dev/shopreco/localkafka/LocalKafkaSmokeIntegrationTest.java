package dev.shopreco.localkafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The smoke test against the project's own in-JVM KRaft broker (runs everywhere, no Docker). */
class LocalKafkaSmokeIntegrationTest extends BrokerSmokeContract {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }

    @Test
    void shouldRefuseToAutoCreateATopicFromATypo() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            final ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("shop.sesions", "k", "v")).get());
            assertTrue(e.getCause().getMessage().contains("shop.sesions"), e.getCause().getMessage());
        }
    }

    @Test
    void shouldKeepTopicsAndDataAcrossARestartOfAPersistentBroker(@TempDir final Path dir) throws Exception {
        try (LocalKafka broker = LocalKafka.builder().dataDir(dir).build().start()) {
            try (Admin admin = Admin.create(adminProps(broker))) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(Names.TOPIC_USERS, 1, (short) 1))).all().get();
            }
            broker.stop();
            broker.start();
            try (Admin admin = Admin.create(adminProps(broker))) {
                assertTrue(admin.listTopics().names().get().contains(Names.TOPIC_USERS));
            }
        }
        assertTrue(Files.exists(dir.resolve("server.properties")), "a persistent data folder is kept after close");
        assertEquals(1, Files.list(dir.resolve("logs")).filter(p -> p.getFileName().toString().startsWith(Names.TOPIC_USERS)).count());
    }

    private static Properties adminProps(final LocalKafka broker) {
        final Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        return props;
    }
}
