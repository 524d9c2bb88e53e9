package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.reliability.support.ApiProcess;
import dev.shopreco.reliability.support.Http;
import dev.shopreco.reliability.support.Scenario;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security defaults of {@code java -jar api.jar}: no administrative or state-exporting endpoint answers
 * unless configured, the listening address is configurable, and Kafka client security settings from
 * the environment reach the service's Kafka clients.
 */
class SecurityIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String SASL_REFUSED = "Unexpected handshake request with client mechanism PLAIN";

    /** Micronaut management endpoints and the benchmark endpoint: none may answer by default. */
    private static final List<String> ADMIN = List.of("GET /beans", "GET /env", "GET /routes", "GET /loggers",
            "GET /threaddump", "GET /info", "GET /caches", "GET /refresh", "POST /refresh", "POST /stop",
            "GET /bench/fixed", "GET /health/liveness/details", "GET /metrics");

    @Test
    void shouldKeepAdministrativeEndpointsOffAndListenOnlyWhereConfigured(@TempDir final Path tmp) {
        final Map<String, String> env = new HashMap<>(Scenario.API_ENV);
        env.put("BIND_ADDRESS", "127.0.0.1");
        try (ApiProcess api = ApiProcess.create("api", tmp, KAFKA.bootstrapServers(), "reco-security", env)) {
            api.start().awaitHealthy(Duration.ofMinutes(3));
            for (final String endpoint : ADMIN) {
                final String[] parts = endpoint.split(" ");
                final Http.Response response = api.http().send(api.http().request(parts[1])
                        .method(parts[0], HttpRequest.BodyPublishers.noBody()));
                assertTrue(response.status() == 404 || response.status() == 401 || response.status() == 403
                        || response.status() == 405, endpoint + " answered " + response.status() + " " + response.body());
            }
            assertTrue(api.isAlive() && api.http().status("/health") == 200, "still up after POST /stop");

            final Optional<InetAddress> other = nonLoopbackAddress();
            other.ifPresent(address -> assertEquals(-1,
                    new Http("http://" + address.getHostAddress() + ":" + api.port()).status("/health"),
                    "BIND_ADDRESS=127.0.0.1, yet it answers on " + address));
            System.out.printf("Security: %d administrative endpoints refused; bound to 127.0.0.1 only (%s)%n",
                    ADMIN.size(), other.map(a -> "refused on " + a.getHostAddress()).orElse("no other address to try"));
        }
    }

    @Test
    void shouldPassKafkaClientSecuritySettingsFromTheEnvironment(@TempDir final Path tmp) throws Exception {
        // the local broker speaks PLAINTEXT: a client configured for SASL must fail its handshake, which
        // proves the setting reached it (no secret here: the credentials are made up and useless)
        final Path file = tmp.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"nobody\" password=\"nothing\";\n");
        final Map<String, String> env = new HashMap<>(Scenario.API_ENV);
        env.put("KAFKA_CLIENT_CONFIG_FILE", file.toString());
        try (ApiProcess api = ApiProcess.create("api-sasl", tmp, KAFKA.bootstrapServers(), "reco-sasl", env)) {
            api.start();
            // the broker's answer to a SASL handshake on a PLAINTEXT listener: the client did try SASL/PLAIN
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Files.exists(api.log(1)) && Files.readString(api.log(1)).contains(SASL_REFUSED));
            assertNotEquals(200, api.http().status("/health"), "healthy without reaching Kafka");
            final String log = Files.readString(api.log(1));
            System.out.println("Security: with KAFKA_CLIENT_CONFIG_FILE (SASL_PLAINTEXT) against a PLAINTEXT broker: "
                    + log.lines().filter(l -> l.contains(SASL_REFUSED)).findFirst().orElse("").trim());
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (final NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    for (final InetAddress address : Collections.list(nic.getInetAddresses())) {
                        if (address instanceof Inet4Address) {
                            return Optional.of(address);
                        }
                    }
                }
            }
        } catch (final java.net.SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
