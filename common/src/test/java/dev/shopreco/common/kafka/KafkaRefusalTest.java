package dev.shopreco.common.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaRefusalTest {

    @Test
    void shouldNameTheSettingsAndTheirSourceButNeverTheirValues(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p4ssw0rd\";\n");
        final Exception wrapped = new IllegalStateException("Could not create the topics",
                new ExecutionException(new SaslAuthenticationException("Authentication failed")));
        final String message = KafkaRefusal.of(wrapped,
                KafkaClientSettings.from(Map.of(KafkaClientSettings.FILE_VARIABLE, file.toString())))
                .orElseThrow().getMessage();
        assertTrue(message.contains("sasl.jaas.config (set in KAFKA_CLIENT_CONFIG_FILE=" + file + ")"), message);
        assertTrue(message.contains("Authentication failed") && message.contains("Retrying cannot help"), message);
        assertFalse(message.contains("p4ssw0rd"), message);

        final String variable = KafkaRefusal.of(new SaslAuthenticationException("no"), KafkaClientSettings.from(
                Map.of("KAFKA_CLIENT_SASL_JAAS_CONFIG", "x password=\"p4ssw0rd\";"))).orElseThrow().getMessage();
        assertTrue(variable.contains("sasl.jaas.config (set by KAFKA_CLIENT_SASL_JAAS_CONFIG)"), variable);
        assertTrue(variable.contains("sasl.mechanism (not set"), variable);
        assertFalse(variable.contains("p4ssw0rd"), variable);
    }

    @Test
    void shouldPointAtTheTruststoreWhenTheTlsHandshakeFails() {
        final String message = KafkaRefusal.of(new SslAuthenticationException("PKIX path building failed"),
                KafkaClientSettings.NONE)
                .orElseThrow().getMessage();
        assertTrue(message.contains("ssl.truststore.location"), message);
    }

    @Test
    void shouldNotCallAnUnreachableBrokerARefusal() {
        assertFalse(KafkaRefusal.isRefusal(new ExecutionException(new TimeoutException("Timed out waiting"))));
        assertTrue(KafkaRefusal.of(new IllegalStateException("broker away"), KafkaClientSettings.NONE).isEmpty());
    }
}
