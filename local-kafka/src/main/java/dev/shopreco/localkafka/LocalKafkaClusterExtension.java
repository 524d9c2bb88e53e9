package dev.shopreco.localkafka;

import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one real Kafka cluster per test class ({@link LocalKafkaCluster}: 3 nodes by
 * default, one process each, free ports, a temporary folder removed afterwards), with the system's
 * topics created (3 partitions each, 3 replicas, 2 in sync). Each node can be killed and restarted
 * by the test ({@link #cluster()}). Starting three brokers costs several seconds more than
 * {@link LocalKafkaExtension}: use it where the test is about the cluster.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalKafkaClusterExtension KAFKA = new LocalKafkaClusterExtension();
 * ... KAFKA.bootstrapServers() ... KAFKA.cluster().node(2).kill() ...
 * }</pre>
 */
public final class LocalKafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final int nodes;
    private final int partitions;
    private LocalKafkaCluster cluster;

    /** Three nodes; topics of 3 partitions. */
    public LocalKafkaClusterExtension() {
        this(3, TopicSettings.DEFAULT_PARTITIONS);
    }

    /** {@code nodes} nodes; topics of {@code partitions} partitions. */
    public LocalKafkaClusterExtension(final int nodes, final int partitions) {
        this.nodes = nodes;
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        cluster = LocalKafkaCluster.builder().nodes(nodes).build().start();
        try (Admin admin = cluster.admin()) {
            Topics.ensure(admin, Topics.all(TopicSettings.from(
                    Map.of(TopicSettings.PARTITIONS, Integer.toString(partitions)))), Duration.ofSeconds(60));
        }
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** {@code host:port,...} of every node. */
    public String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    /** The cluster, e.g. to kill, stop and restart a node in a fault test. */
    public LocalKafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The cluster is not started: register the extension with @RegisterExtension on a static field");
        }
        return cluster;
    }

    /** A new admin client on the cluster (close it). */
    public Admin admin() {
        return cluster().admin();
    }
}
