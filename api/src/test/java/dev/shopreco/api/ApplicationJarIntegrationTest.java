package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopreco.api.deploy.DeploymentFiles;
import dev.shopreco.api.experiment.HashRule;
import dev.shopreco.api.experiment.WeightedVariant;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.localkafka.LocalKafkaExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stable entry point: {@code java -jar api/target/api.jar} configured only by environment
 * variables, as the acceptance checks, docker-compose and the image run it; its probe paths are the
 * ones {@code deploy/k8s} asks. Needs the package phase (the shaded jar), which failsafe runs after.
 */
class ApplicationJarIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helpPrintsTheSettingsAndStartsNothing(@TempDir final Path dir) throws Exception {
        final Path jar = Path.of("target", "api.jar");
        assertTrue(Files.exists(jar), "run after mvn package: " + jar.toAbsolutePath());
        final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--help")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("help.txt").toFile());
        // a server would bind this port and connect to this broker: neither may happen
        builder.environment().put("PORT", Integer.toString(freePort()));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
        final Process process = builder.start();
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "--help returns");
        assertEquals(0, process.exitValue());
        final String help = Files.readString(dir.resolve("help.txt"));
        assertTrue(help.contains("SESSION_GAP") && help.contains("EXPERIMENT_VARIANTS") && help.contains("PORT"), help);
        assertFalse(help.contains("Startup completed"), help);
    }

    @Test
    void shouldRunFromTheFatJarConfiguredByEnvironmentAndStopCleanly(@TempDir final Path dir) throws Exception {
        final Path jar = Path.of("target", "api.jar");
        assertTrue(Files.exists(jar), "run after mvn package: " + jar.toAbsolutePath());
        ShopData.replayFixture(KAFKA.bootstrapServers());
        final int port = freePort();
        final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("api.log").toFile());
        final Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
        env.put("PORT", Integer.toString(port));
        env.put("STREAMS_STATE_DIR", dir.resolve("state").toString());
        env.put("STREAMS_APPLICATION_ID", "jar-test");
        env.put("EXPERIMENT_NAME", "jar-exp");
        env.put("EXPERIMENT_RULE", "hash");
        env.put("EXPERIMENT_SALT", "jar");
        env.put("EXPERIMENT_VARIANTS", "a:POPULARITY=1,b:RANDOM=1");
        final long start = System.nanoTime();
        final Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(port, "/models/user/101") == 200);
            System.out.printf("java -jar api.jar: first 200 after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            final HashRule rule = new HashRule("jar", WeightedVariant.parseList("a:POPULARITY=1,b:RANDOM=1"));
            for (final long user : ShopData.USERS) {
                final JsonNode body = JSON.readTree(get(port, "/models/user/" + user).body());
                assertEquals(rule.variantOf(user).name(), body.get("variant").asText());
                assertEquals(rule.variantOf(user).model(), body.get("model").asText());
            }
            assertEquals(200, status(port, "/health"));
            // the paths Kubernetes' probes (deploy/k8s) and Compose's health check ask: they exist and say UP
            for (final String probe : DeploymentFiles.probePaths()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertEquals(200, status(port, probe), probe));
            }
        } finally {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("SIGTERM did not stop the service within 40 s; see " + dir.resolve("api.log"));
            }
        }
        final String log = Files.readString(dir.resolve("api.log"));
        assertTrue(log.contains("Streams client stopped completely"), "Kafka Streams closed on shutdown");
    }

    private static int status(final int port, final String path) throws IOException, InterruptedException {
        try {
            return get(port, path).statusCode();
        } catch (final ConnectException e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(final int port, final String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
