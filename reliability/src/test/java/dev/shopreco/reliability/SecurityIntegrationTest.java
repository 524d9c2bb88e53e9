package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopreco.common.Names;
import dev.shopreco.reliability.support.ApiProcess;
import dev.shopreco.reliability.support.Http;
import dev.shopreco.reliability.support.JarProcess;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.reliability.support.SecureKafka;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security on a real listener: a broker that only speaks {@code SASL_SSL} (SCRAM-SHA-512, a CA and
 * certificates made by the test), and every component (the replay, the topology alone, the API with
 * its topology, the evaluator) run as its jar against it, configured by {@code KAFKA_CLIENT_CONFIG_FILE}
 * or {@code KAFKA_CLIENT_*} variables only. With a wrong password each fails fast, naming the
 * setting; no secret appears in any output. Also the API's security defaults: no administrative
 * endpoint answers, the listening address is configurable.
 */
class SecurityIntegrationTest {

    private static final Duration FAIL_FAST = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Micronaut management endpoints and the benchmark endpoint: none may answer by default. */
    private static final List<String> ADMIN = List.of("GET /beans", "GET /env", "GET /routes", "GET /loggers",
            "GET /threaddump", "GET /info", "GET /caches", "GET /refresh", "POST /refresh", "POST /stop",
            "GET /bench/fixed", "GET /health/liveness/details", "GET /metrics");

    @TempDir
    static Path tmp;
    private static SecureKafka kafka;
    private static Path clientFile;

    @BeforeAll
    static void startTheBroker() {
        kafka = new SecureKafka(tmp.resolve("tls"));
        clientFile = kafka.writeClientFile("client.properties", kafka.clientSettings());
    }

    @AfterAll
    static void stopTheBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldRunEveryComponentOnASaslSslListenerConfiguredOnlyByTheEnvironment() throws Exception {
        final Path data = Scenario.generated(tmp.resolve("data"), 40, 11);
        final Map<String, String> viaFile = Map.of("KAFKA_CLIENT_CONFIG_FILE", clientFile.toString());
        final List<Path> outputs = new ArrayList<>();

        // the replay: topics created and every line sent through the SASL_SSL listener
        try (JarProcess replay = JarProcess.start("producer.jar", viaFile, tmp.resolve("out/replay.log"),
                "replay", "--data", data.toString(), "--bootstrap-servers", kafka.bootstrapServers(), "--no-progress")) {
            outputs.add(replay.outputFile());
            assertEquals(0, replay.waitFor(Duration.ofMinutes(3)), replay.output());
        }

        // the topology alone, configured by single KAFKA_CLIENT_* variables this time
        final Map<String, String> viaVariables = new HashMap<>();
        kafka.clientSettings().forEach((key, value) ->
                viaVariables.put("KAFKA_CLIENT_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        viaVariables.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        viaVariables.put("STREAMS_APPLICATION_ID", "secure");
        viaVariables.put("STREAMS_STATE_DIR", tmp.resolve("runner-state").toString());
        try (JarProcess runner = JarProcess.start("streams-runner.jar", viaVariables, tmp.resolve("out/runner.log"))) {
            outputs.add(runner.outputFile());
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertTrue(runner.isAlive(), runner.output());
                return endOffset(Names.TOPIC_INTERACTIONS) > 0;
            });
            // SIGTERM: Kafka Streams closes cleanly, and the JVM ends with the signal's status
            final Integer code = runner.stop(Duration.ofMinutes(1));
            assertTrue(code != null && (code == 0 || code == 143), code + "\n" + runner.output());
        }

        // the API with its topology (the same application: it takes over the runner's progress)
        final Map<String, String> env = new HashMap<>(Scenario.API_ENV);
        env.putAll(viaFile);
        env.put("BIND_ADDRESS", "127.0.0.1");
        try (ApiProcess api = ApiProcess.create("api-secure", tmp.resolve("api"), kafka.bootstrapServers(), "secure", env)) {
            api.start().awaitHealthy(Duration.ofMinutes(3));
            outputs.add(api.log(1));
            assertAdministrativeEndpointsOffAndBoundToLoopbackOnly(api);
            // popularity computed from the events, read by the global thread: every Kafka client of the API works
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    JSON.readTree(api.http().get("/products/popular?n=5").body()).path("products").size() == 5);
            assertEquals(200, api.http().status("/models/user/101"));
            await().atMost(Duration.ofMinutes(1)).until(() -> endOffset(Names.TOPIC_SERVED) > 0);
            api.stop();
        }

        // the evaluator reads its snapshot from the topics
        try (JarProcess evaluator = JarProcess.start("evaluator.jar", viaFile, tmp.resolve("out/evaluator.log"),
                "--bootstrap-servers", kafka.bootstrapServers(), "--protocol", "seed", "--models", "POPULARITY",
                "--out", tmp.resolve("evaluation").toString(), "--no-progress")) {
            outputs.add(evaluator.outputFile());
            assertEquals(0, evaluator.waitFor(Duration.ofMinutes(3)), evaluator.output());
            final JsonNode results = JSON.readTree(tmp.resolve("evaluation/results.json").toFile());
            assertNotNull(results);
        }
        assertNoSecretIn(outputs);
        System.out.printf("Security: replay, streams-runner (KAFKA_CLIENT_* variables), API and evaluator "
                + "(KAFKA_CLIENT_CONFIG_FILE) ran on SASL_SSL/%s at %s; %,d interactions, %,d answers served%n",
                SecureKafka.MECHANISM, kafka.bootstrapServers(), endOffset(Names.TOPIC_INTERACTIONS),
                endOffset(Names.TOPIC_SERVED));
    }

    @Test
    void shouldFailFastNamingTheSettingWhenKafkaRefusesTheCredentials() throws Exception {
        final Path wrong = kafka.writeClientFile("wrong.properties", kafka.clientSettings("not-the-password"));
        final Map<String, String> env = Map.of("KAFKA_CLIENT_CONFIG_FILE", wrong.toString(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "STREAMS_APPLICATION_ID", "refused",
                "STREAMS_STATE_DIR", tmp.resolve("refused-state").toString());
        final Map<String, String[]> components = new LinkedHashMap<>();
        components.put("producer.jar", new String[] {"replay", "--data", Scenario.defaultDataSet().toString(),
            "--bootstrap-servers", kafka.bootstrapServers(), "--no-progress"});
        components.put("streams-runner.jar", new String[0]);
        components.put("evaluator.jar", new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--protocol",
            "seed", "--out", tmp.resolve("refused-evaluation").toString(), "--no-progress"});
        final List<Path> outputs = new ArrayList<>();
        final Map<String, String> apiEnv = new HashMap<>(Scenario.API_ENV);
        apiEnv.put("KAFKA_CLIENT_CONFIG_FILE", wrong.toString());
        // all four at once: each must stop by itself
        final long start = System.nanoTime();
        final Map<String, JarProcess> running = new LinkedHashMap<>();
        try (ApiProcess api = ApiProcess.create("api-refused", tmp.resolve("api-refused"), kafka.bootstrapServers(),
                "refused", apiEnv)) {
            api.start();
            outputs.add(api.log(1));
            for (final Map.Entry<String, String[]> component : components.entrySet()) {
                final JarProcess process = JarProcess.start(component.getKey(), env,
                        tmp.resolve("out/refused-" + component.getKey() + ".log"), component.getValue());
                running.put(component.getKey(), process);
                outputs.add(process.outputFile());
            }
            for (final Map.Entry<String, JarProcess> component : running.entrySet()) {
                final JarProcess process = component.getValue();
                final Integer code = process.waitFor(FAIL_FAST);
                assertNotNull(code, component.getKey() + " still runs after " + FAIL_FAST + ":\n" + process.output());
                assertNotEquals(0, code, component.getKey());
                assertNamesTheSetting(component.getKey(), process.output());
                System.out.printf("Security: %s with a wrong password exited %d within %.1f s%n", component.getKey(),
                        code, (System.nanoTime() - start) / 1e9);
            }
            await().atMost(FAIL_FAST).pollInterval(Duration.ofMillis(250)).until(() -> !api.isAlive());
            assertTrue(api.describe().contains("exited with") && !api.describe().contains("exited with 0"), api.describe());
            assertNamesTheSetting("api.jar", Files.readString(api.log(1)));
            System.out.printf("Security: api.jar with a wrong password: %s within %.1f s%n", api.describe(),
                    (System.nanoTime() - start) / 1e9);
        } finally {
            running.values().forEach(JarProcess::close);
        }
        assertNoSecretIn(outputs);
    }

    /** The API's security defaults: no administrative endpoint answers, and BIND_ADDRESS=127.0.0.1 holds. */
    private static void assertAdministrativeEndpointsOffAndBoundToLoopbackOnly(final ApiProcess api) {
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

    /** The component's output says that Kafka refused the credentials and which settings hold them. */
    private static void assertNamesTheSetting(final String component, final String output) {
        assertTrue(output.contains("sasl.jaas.config") && output.contains("KAFKA_CLIENT_CONFIG_FILE"),
                component + " does not name the setting:\n" + output);
    }

    private static void assertNoSecretIn(final List<Path> outputs) throws IOException {
        for (final Path output : outputs) {
            final String text = Files.readString(output);
            for (final String secret : kafka.secrets()) {
                assertFalse(text.contains(secret), output + " shows a secret");
            }
        }
    }

    /** The sum of the end offsets of {@code topic}, read over SASL_SSL. */
    private static long endOffset(final String topic) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.putAll(kafka.clientSettings());
        try (Admin admin = Admin.create(props)) {
            final int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (final Exception e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic + ": " + e.getMessage(), e);
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
