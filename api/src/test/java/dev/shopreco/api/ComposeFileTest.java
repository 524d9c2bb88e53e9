package dev.shopreco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.api.deploy.ApiVariables;
import dev.shopreco.api.deploy.DeploymentFiles;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.kafka.Topics;
import dev.shopreco.streams.topology.StreamsTopics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run here, so {@code docker-compose.yml} is checked as data: the services exist, the
 * brokers form one KRaft quorum, topic-init creates exactly the topics the code needs with the
 * code's settings, the API instances and the replay run the image the root {@code Dockerfile} builds
 * and come back after a failure, and they are configured with variables the API actually reads.
 * This proves the file agrees with the code and the Dockerfile, not that Compose runs it.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final List<String> APIS = List.of("api-1", "api-2");

    private final Map<String, Object> compose = load();
    private final Map<String, Object> services = map(compose.get("services"));

    @Test
    void shouldDefineTheBrokersTopicInitTwoApiInstancesAndAProducerRun() {
        assertEquals(Set.of("kafka-1", "kafka-2", "kafka-3", "topic-init", "api-1", "api-2", "producer"),
                services.keySet());
    }

    @Test
    void shouldRunThreeKraftBrokersOfTheProjectsKafkaVersionInOneQuorum() {
        final Set<String> clusterIds = new HashSet<>();
        final Set<String> nodeIds = new HashSet<>();
        final Set<String> hostPorts = new HashSet<>();
        for (final String broker : BROKERS) {
            final Map<String, Object> service = map(services.get(broker));
            assertEquals("apache/kafka:" + kafkaVersion(), service.get("image"), broker);
            final Map<String, Object> env = map(service.get("environment"));
            assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
            clusterIds.add((String) env.get("CLUSTER_ID"));
            final String nodeId = (String) env.get("KAFKA_NODE_ID");
            nodeIds.add(nodeId);
            final String voters = (String) env.get("KAFKA_CONTROLLER_QUORUM_VOTERS");
            assertTrue(voters.contains(nodeId + "@" + broker + ":9093"), broker + " is a voter");
            final String advertised = (String) env.get("KAFKA_ADVERTISED_LISTENERS");
            assertTrue(advertised.contains("PLAINTEXT://" + broker + ":9092"), broker + " advertises its own name");
            final Matcher external = Pattern.compile("EXTERNAL://localhost:(\\d+)").matcher(advertised);
            assertTrue(external.find());
            assertEquals(List.of(external.group(1) + ":29092"), service.get("ports"), "advertised = published port");
            hostPorts.add(external.group(1));
            assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
            assertEquals("3", env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
            assertEquals("3", env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"), "exactly_once_v2 needs it");
            assertEquals("2", env.get("KAFKA_MIN_INSYNC_REPLICAS"));
        }
        for (final String broker : BROKERS) {
            assertEquals("unless-stopped", map(services.get(broker)).get("restart"), broker + " comes back after a crash");
        }
        assertEquals(1, clusterIds.size(), "one cluster");
        assertEquals(Set.of("1", "2", "3"), nodeIds);
        assertEquals(3, hostPorts.size());
    }

    @Test
    void shouldCreateEveryTopicTheCodeUsesWithTheCodesSettings() {
        final Map<String, Object> init = map(services.get("topic-init"));
        final Map<String, Object> env = map(init.get("environment"));
        final String script = String.join("\n", list(init.get("command")));
        final TopicSettings settings = TopicSettings.from(Map.of(TopicSettings.PARTITIONS, (String) env.get("PARTITIONS"),
                TopicSettings.REPLICATION_FACTOR, (String) env.get("REPLICATION")));
        final List<NewTopic> expected = new ArrayList<>(Topics.all(settings));
        expected.addAll(StreamsTopics.own(settings));
        final Matcher create = Pattern.compile("(?m)^\\s*create (\\S+) (\\S+) \"([^\"]*)\"").matcher(script);
        final Set<String> created = new HashSet<>();
        while (create.find()) {
            created.add(create.group(1));
            final NewTopic topic = expected.stream().filter(t -> t.name().equals(create.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError("topic-init creates a topic the code does not know: " + create.group(1)));
            final String partitions = create.group(2).equals("\"$$PARTITIONS\"") ? (String) env.get("PARTITIONS") : create.group(2);
            assertEquals(topic.numPartitions(), Integer.parseInt(partitions), topic.name() + " partitions");
            topic.configs().forEach((key, value) ->
                    assertTrue(create.group(3).contains("--config " + key + "=" + value), topic.name() + " " + key));
        }
        assertEquals(expected.stream().map(NewTopic::name).collect(Collectors.toSet()), created);
        assertTrue(script.contains("--replication-factor \"$$REPLICATION\""));
        assertEquals(Set.of("kafka-1", "kafka-2", "kafka-3"), map(init.get("depends_on")).keySet());
    }

    @Test
    void shouldRunTwoApiInstancesOfOneApplicationThatCanReachEachOther() throws IOException {
        final Set<String> hostPorts = new HashSet<>();
        final Set<Object> stateVolumes = new HashSet<>();
        final Map<String, Object> initEnv = map(map(services.get("topic-init")).get("environment"));
        for (final String api : APIS) {
            final Map<String, Object> service = map(services.get(api));
            final Map<String, Object> env = map(service.get("environment"));
            assertEquals(String.join(",", BROKERS.stream().map(b -> b + ":9092").toList()), env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals(api + ":" + env.get("PORT"), env.get("STREAMS_APPLICATION_SERVER"),
                    "the other instance forwards to this name and port");
            assertEquals("shop-reco", env.get("STREAMS_APPLICATION_ID"), "one application, partitions shared");
            assertEquals(initEnv.get("PARTITIONS"), env.get("SHOP_TOPIC_PARTITIONS"));
            assertEquals(initEnv.get("REPLICATION"), env.get("SHOP_TOPIC_REPLICATION_FACTOR"));
            final String port = list(service.get("ports")).get(0);
            assertTrue(port.endsWith(":" + env.get("PORT")), api + " publishes its HTTP port");
            hostPorts.add(port.split(":")[0]);
            stateVolumes.add(list(service.get("volumes")).get(0).split(":")[0]);
            assertTrue(list(service.get("volumes")).get(0).endsWith(":" + env.get("STREAMS_STATE_DIR")));
            assertEquals("service_completed_successfully",
                    map(map(service.get("depends_on")).get("topic-init")).get("condition"));
            assertTrue(String.join(" ", list(map(service.get("healthcheck")).get("test"))).contains(
                    "GET " + DeploymentFiles.probePaths().get(2) + " "), "healthy = ready, as Kubernetes' readiness probe");
            assertEquals("unless-stopped", service.get("restart"), api + " comes back after a crash");
            final Map<String, Object> build = map(service.get("build"));
            assertEquals(".", build.get("context"), "the image builds from the repository");
            assertEquals("Dockerfile", build.get("dockerfile"));
            assertTrue(Files.isRegularFile(ROOT.resolve((String) build.get("dockerfile"))));
            final List<String> exposed = DeploymentFiles.dockerfile().get(DeploymentFiles.dockerfile().size() - 1).args("EXPOSE");
            assertEquals(List.of((String) env.get("PORT")), exposed, "the image's port");
        }
        assertEquals(2, hostPorts.size());
        assertEquals(2, stateVolumes.size(), "each instance its own state directory");
    }

    @Test
    void shouldConfigureTheApiOnlyWithVariablesItReads() throws IOException {
        assertTrue(ApiVariables.names().containsAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "PORT", "EXPERIMENT_RULE",
                "STREAMS_STANDBY_REPLICAS", TopicSettings.PARTITIONS, TopicSettings.REPLICATION_FACTOR)));
        for (final String api : APIS) {
            for (final String name : map(map(services.get(api)).get("environment")).keySet()) {
                assertTrue(ApiVariables.isRead(name), api + " sets " + name + ", which the API does not read");
            }
        }
    }

    @Test
    void shouldReplayTheDataFolderOnceTheApiInstancesAreReady() {
        final Map<String, Object> producer = map(services.get("producer"));
        final List<String> command = list(producer.get("command"));
        assertEquals(List.of("java", "-jar", "/app/producer.jar"), list(producer.get("entrypoint")));
        assertTrue(DeploymentFiles.dockerfile().get(DeploymentFiles.dockerfile().size() - 1).args("COPY").stream()
                .anyMatch(c -> c.endsWith(" /app/producer.jar")), "the image holds the replay's jar");
        assertEquals(map(services.get("api-1")).get("image"), producer.get("image"), "the API's image");
        assertEquals("replay", command.get(0));
        assertEquals("/data", command.get(command.indexOf("--data") + 1));
        assertEquals("kafka-1:9092,kafka-2:9092,kafka-3:9092", command.get(command.indexOf("--bootstrap-servers") + 1));
        assertEquals(List.of("./data:/data:ro"), list(producer.get("volumes")));
        final Map<String, Object> dependsOn = map(producer.get("depends_on"));
        for (final String api : APIS) {
            assertEquals("service_healthy", map(dependsOn.get(api)).get("condition"));
        }
        // a replay that failed resumes where Kafka's data ends (each line once); one that succeeded is done
        assertEquals("on-failure", producer.get("restart"));
        assertEquals("on-failure", map(services.get("topic-init")).get("restart"), "--if-not-exists: safe to run again");
    }

    /** The version of the Kafka clients the project builds with (kafka-clients' own version file). */
    private static String kafkaVersion() {
        final Properties version = new Properties();
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            version.load(in);
        } catch (final IOException e) {
            throw new AssertionError(e);
        }
        return version.getProperty("version");
    }

    private static Map<String, Object> load() {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        } catch (final IOException e) {
            throw new AssertionError("Cannot read docker-compose.yml at the repository root", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        assertTrue(value instanceof Map, "expected a mapping, got " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(final Object value) {
        assertTrue(value instanceof List, "expected a list, got " + value);
        return (List<String>) value;
    }
}
