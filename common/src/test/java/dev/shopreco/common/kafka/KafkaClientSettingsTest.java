package dev.shopreco.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

    @Test
    void shouldReadTheFileThenLetSingleVariablesWin(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"u\" password=\"p\";\n");
        final Map<String, String> settings = KafkaClientSettings.from(Map.of(
                "KAFKA_CLIENT_CONFIG_FILE", file.toString(),
                "KAFKA_CLIENT_SASL_MECHANISM", "PLAIN",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks",
                "KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092")).values();
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertEquals("PLAIN", settings.get("sasl.mechanism"));
        assertEquals("/etc/kafka/truststore.jks", settings.get("ssl.truststore.location"));
        assertEquals(4, settings.size(), settings.toString());
    }

    @Test
    void shouldNeverOverrideWhatTheCodeSet() {
        final Properties props = new Properties();
        props.put("bootstrap.servers", "a:1");
        props.put("acks", "all");
        KafkaClientSettings.from(Map.of("KAFKA_CLIENT_ACKS", "0", "KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"))
                .addTo(props);
        assertEquals("all", props.get("acks"));
        assertEquals("SSL", props.get("security.protocol"));
        assertEquals("a:1", props.get("bootstrap.servers"));
    }

    @Test
    void shouldNameAnUnreadableFile() {
        final UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> KafkaClientSettings.from(Map.of("KAFKA_CLIENT_CONFIG_FILE", "/no/such/file.properties")));
        assertEquals(true, e.getMessage().contains("KAFKA_CLIENT_CONFIG_FILE"));
    }
}
