package dev.shopreco.localkafka;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same smoke test against Apache Kafka's official image through Testcontainers: runs where a
 * Docker engine exists, reported as skipped where none does (as on the project's CI machine).
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaSmokeIntegrationTest extends BrokerSmokeContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
