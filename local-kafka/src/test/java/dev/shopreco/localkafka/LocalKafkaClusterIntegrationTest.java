package dev.shopreco.localkafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The 3-node cluster: one quorum, three replicas of everything, and a node killed and brought back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalKafkaClusterIntegrationTest {

    @RegisterExtension
    static final LocalKafkaClusterExtension KAFKA = new LocalKafkaClusterExtension();

    @Test
    @Order(1)
    void shouldRunThreeNodesInOwnProcessesFoldersAndPorts() throws Exception {
        final LocalKafkaCluster cluster = KAFKA.cluster();
        assertEquals(3, cluster.nodes().size());
        assertEquals(3, cluster.nodes().stream().map(ClusterNode::pid).distinct().count(), "one process each");
        assertFalse(cluster.nodes().stream().anyMatch(n -> n.pid() == ProcessHandle.current().pid()));
        assertEquals(6, cluster.nodes().stream().flatMap(n -> List.of(n.port(), n.controllerPort()).stream())
                .distinct().count(), "ports of their own");
        for (final ClusterNode node : cluster.nodes()) {
            assertTrue(Files.isDirectory(node.dir().resolve("logs")), node + " keeps its data in its folder");
            assertTrue(Files.readString(node.log()).contains("Kafka node " + node.id() + " started"), node + " logs");
        }
        assertEquals(cluster.nodes().stream().map(ClusterNode::bootstrapServer).collect(Collectors.joining(",")),
                KAFKA.bootstrapServers());
        try (Admin admin = KAFKA.admin()) {
            assertEquals(Set.of(1, 2, 3), admin.describeCluster().nodes().get().stream().map(n -> n.id())
                    .collect(Collectors.toSet()));
            final var quorum = admin.describeMetadataQuorum().quorumInfo().get();
            assertEquals(Set.of(1, 2, 3), quorum.voters().stream().map(v -> v.replicaId()).collect(Collectors.toSet()),
                    "one KRaft quorum of the three controllers");
        }
    }

    @Test
    @Order(2)
    void shouldKeepThreeReplicasWithTwoInSyncOfTheSystemTopicsAndOfTopicsLeftToTheCluster() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            // what Kafka Streams does for its internal topics: no replication given, the cluster decides
            admin.createTopics(List.of(new NewTopic("internal-like", Optional.of(2), Optional.empty()))).all().get();
            final List<String> topics = new ArrayList<>(List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS,
                    Names.TOPIC_SESSIONS, Names.TOPIC_REJECTED, Names.TOPIC_INTERACTIONS, Names.TOPIC_SERVED,
                    "internal-like"));
            // a topic just created reaches each broker's metadata a moment later
            final Map<String, TopicDescription> described = await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptionsInstanceOf(ExecutionException.class)
                    .until(() -> admin.describeTopics(topics).allTopicNames().get(), all -> all.values().stream()
                            .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null)));
            final Set<Integer> leaders = new HashSet<>();
            for (final TopicDescription topic : described.values()) {
                for (final TopicPartitionInfo partition : topic.partitions()) {
                    assertEquals(3, partition.replicas().size(), topic.name() + "-" + partition.partition());
                    leaders.add(partition.leader().id());
                }
            }
            assertEquals(Set.of(1, 2, 3), leaders, "leadership spread over the nodes");
            final List<ConfigResource> resources = topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            final Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (final ConfigResource resource : resources) {
                assertEquals("2", configs.get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value(),
                        resource.name());
            }
        }
    }

    @Test
    @Order(3)
    void shouldGoOnAcceptingAcksAllWritesWhenALeaderIsKilledAndCatchItUpAfterItsRestart() throws Exception {
        final LocalKafkaCluster cluster = KAFKA.cluster();
        final String topic = Names.TOPIC_SERVED;
        final int leader = cluster.leaderOf(topic, 0);
        final List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, topic, sent, 50);
            cluster.node(leader).kill();
            assertFalse(cluster.node(leader).isRunning());
            // a new leader among the two left, still two replicas in sync: acks=all writes go on
            send(producer, topic, sent, 50);
            assertNotEquals(leader, cluster.leaderOf(topic, 0));

            cluster.node(leader).start();
            cluster.awaitRunning(cluster.node(leader), Duration.ofSeconds(90));
            cluster.awaitInSync(List.of(topic), Duration.ofSeconds(90));
            send(producer, topic, sent, 50);
        }
        try (Admin admin = KAFKA.admin()) {
            final TopicPartitionInfo partition = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().get(0);
            assertTrue(partition.isr().stream().anyMatch(n -> n.id() == leader), "the restarted node is in sync again");
        }
        assertEquals(sent, readAll(topic, 0), "every acknowledged record once, in order");
    }

    private static void send(final KafkaProducer<String, String> producer, final String topic, final List<String> sent,
            final int count) throws Exception {
        final List<Future<RecordMetadata>> acks = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String value = UUID.randomUUID().toString();
            values.add(value);
            acks.add(producer.send(new ProducerRecord<>(topic, 0, "k", value)));
        }
        for (final Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        sent.addAll(values);
    }

    private static KafkaProducer<String, String> producer() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(final String topic, final int partition) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            final TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            final long end = consumer.endOffsets(List.of(tp)).get(tp);
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
