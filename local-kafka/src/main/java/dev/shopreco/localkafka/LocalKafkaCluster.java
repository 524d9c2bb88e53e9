package dev.shopreco.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka cluster on 127.0.0.1: N nodes, each a broker and a KRaft controller in its own
 * JVM ({@link ClusterNodeMain}), with its own data folder, log and ports, the N controllers forming one
 * quorum. Each node can be killed (SIGKILL), stopped and started again on its own; the cluster goes
 * on as long as a majority of the controllers and enough in-sync replicas remain.
 *
 * <p>Topics created without an explicit replication get {@code min(3, N)} replicas and
 * {@code min.insync.replicas} 2 when there are 3 or more ({@link BrokerDefaults}); Kafka's own topics
 * (consumer offsets, transactions) the same. The nodes run the classpath of this JVM; a node whose
 * starting process ends stops too.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final Path dataDir;
    private final boolean temporary;
    private final String clusterId;
    private final List<ClusterNode> nodes;

    private LocalKafkaCluster(final Builder builder) {
        if (builder.nodes < 1) {
            throw new IllegalArgumentException("A cluster needs at least one node, got " + builder.nodes);
        }
        try {
            this.temporary = builder.dataDir == null;
            this.dataDir = temporary ? Files.createTempDirectory("local-kafka-cluster-") : builder.dataDir.toAbsolutePath();
            if (builder.wipe && !temporary) {
                LocalKafka.deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot prepare the cluster's data folder " + builder.dataDir, e);
        }
        this.clusterId = clusterId(dataDir);
        final List<int[]> ports = ports(builder);
        final String voters = voters(ports);
        final List<ClusterNode> list = new ArrayList<>();
        for (int i = 0; i < builder.nodes; i++) {
            final int id = i + 1;
            final Path dir = dataDir.resolve("node-" + id);
            list.add(new ClusterNode(id, ports.get(i)[0], ports.get(i)[1], dir,
                    serverProperties(id, ports.get(i)[0], ports.get(i)[1], voters, dir, builder),
                    clusterId, builder.jvmOptions));
        }
        this.nodes = List.copyOf(list);
    }

    /** A builder with the defaults: 3 nodes, a temporary data folder, free ports. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every node that is not running, all at once, and waits until every node is a
     * registered broker.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout} (the nodes are
     *     then stopped; their logs say why)
     */
    public LocalKafkaCluster start(final Duration timeout) {
        for (final ClusterNode node : nodes) {
            if (!node.isRunning()) {
                node.start();
            }
        }
        try {
            awaitBrokers(nodes, timeout);
        } catch (final RuntimeException e) {
            close(false);
            throw e;
        }
        return this;
    }

    /** Starts with a 120 s timeout. */
    public LocalKafkaCluster start() {
        return start(Duration.ofSeconds(120));
    }

    /** {@code host:port,host:port,...} of every node, for clients. */
    public String bootstrapServers() {
        return nodes.stream().map(ClusterNode::bootstrapServer).collect(Collectors.joining(","));
    }

    /** The nodes, by id (1 first). */
    public List<ClusterNode> nodes() {
        return nodes;
    }

    /** The node with id {@code id} (1-based). */
    public ClusterNode node(final int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("No node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id - 1);
    }

    /** The folder holding every node's folder and the cluster id. */
    public Path dataDir() {
        return dataDir;
    }

    /** A new admin client on the running nodes (close it). */
    public Admin admin() {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(props);
    }

    /**
     * Waits until {@code node} (started again after a kill or stop) is a registered broker again,
     * as seen by the rest of the cluster.
     */
    public void awaitRunning(final ClusterNode node, final Duration timeout) {
        awaitBrokers(List.of(node), timeout);
    }

    /**
     * Waits until every replica of every partition of {@code topics} is in sync (after a node came
     * back, it has caught up with the leaders).
     */
    public void awaitInSync(final Collection<String> topics, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String lagging = "";
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    final Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                            .get(10, TimeUnit.SECONDS);
                    lagging = described.values().stream()
                            .flatMap(d -> d.partitions().stream()
                                    .filter(p -> p.isr().size() < p.replicas().size())
                                    .map(p -> d.name() + "-" + p.partition() + " isr " + ids(p.isr())
                                            + " of " + ids(p.replicas())))
                            .collect(Collectors.joining(", "));
                    if (lagging.isEmpty()) {
                        return;
                    }
                } catch (final Exception e) {
                    lagging = e.toString();
                }
                sleep(200);
            }
        }
        throw new IllegalStateException("Replicas still out of sync after " + timeout.toSeconds() + " s: " + lagging);
    }

    /** The id of the node leading {@code partition} of {@code topic}, or -1 if none leads it. */
    public int leaderOf(final String topic, final int partition) {
        try (Admin admin = admin()) {
            final TopicPartitionInfo info = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().get(partition);
            return info.leader() == null ? -1 : info.leader().id();
        } catch (final Exception e) {
            throw new IllegalStateException("Cannot describe " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Stops every running node (clean stop, one after the other); the data folder is kept. */
    public void stop() {
        // one at a time, so each stop still has a controller quorum to report to; the last node's
        // stop cannot, and halts after ClusterNodeMain.STOP_TIMEOUT
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
    }

    /** Kills every node (a temporary cluster has nothing worth a clean stop) and deletes a temporary data folder. */
    @Override
    public void close() {
        close(!temporary);
    }

    private void close(final boolean clean) {
        if (clean) {
            stop();
        } else {
            nodes.forEach(ClusterNode::kill);
        }
        if (temporary) {
            LocalKafka.deleteRecursively(dataDir);
        }
    }

    private void awaitBrokers(final List<ClusterNode> expected, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Set<Integer> wanted = expected.stream().map(ClusterNode::id).collect(Collectors.toSet());
        Set<Integer> seen = Set.of();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                for (final ClusterNode node : expected) {
                    if (!node.isRunning()) {
                        throw new IllegalStateException("Node " + node.id() + " exited; see " + node.log()
                                + ":\n" + node.logTail(20));
                    }
                }
                try {
                    // a broker is in the metadata once it is registered and unfenced
                    final Set<Integer> ids = new HashSet<>();
                    for (final Node n : admin.describeCluster().nodes().get(5, TimeUnit.SECONDS)) {
                        ids.add(n.id());
                    }
                    seen = ids;
                    if (ids.containsAll(wanted)) {
                        return;
                    }
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the cluster", e);
                } catch (final Exception e) {
                    last = e;
                }
                sleep(200);
            }
        }
        throw new IllegalStateException("Nodes " + wanted + " not all registered within " + timeout.toSeconds()
                + " s (registered: " + seen + "); see their logs under " + dataDir, last);
    }

    private static Properties serverProperties(final int id, final int port, final int controllerPort,
            final String voters, final Path dir, final Builder builder) {
        final Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(id));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.putAll(BrokerDefaults.of(builder.nodes));
        p.putAll(builder.overrides);
        return p;
    }

    private static String voters(final List<int[]> ports) {
        final List<String> voters = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            voters.add((i + 1) + "@127.0.0.1:" + ports.get(i)[1]);
        }
        return String.join(",", voters);
    }

    /**
     * Client and controller port of each node: {@code port + 2i} and {@code controllerPort + 2i}
     * (so the defaults 9092 and 9093 interleave: 9092/9093, 9094/9095, ...), free ones where 0.
     */
    static List<int[]> ports(final Builder builder) {
        return ports(builder, LocalKafka::freePort);
    }

    /**
     * As {@link #ports(Builder)}, drawing free ports from {@code freePorts}. A free port is one the
     * system had free when asked, so the same one can come twice: a draw another node already has is
     * drawn again. Given ports that overlap are refused.
     */
    static List<int[]> ports(final Builder builder, final IntSupplier freePorts) {
        final List<int[]> ports = new ArrayList<>();
        final Set<Integer> used = new HashSet<>();
        for (int i = 0; i < builder.nodes; i++) {
            final int port = builder.port == 0 ? LocalKafka.freePortOutside(used, freePorts) : builder.port + 2 * i;
            if (!used.add(port)) {
                throw overlap(i, port);
            }
            final int controllerPort = builder.controllerPort == 0 ? LocalKafka.freePortOutside(used, freePorts)
                    : builder.controllerPort + 2 * i;
            if (!used.add(controllerPort)) {
                throw overlap(i, controllerPort);
            }
            ports.add(new int[] {port, controllerPort});
        }
        return ports;
    }

    private static IllegalArgumentException overlap(final int node, final int port) {
        return new IllegalArgumentException("Ports overlap: node " + (node + 1) + " would use " + port
                + ", taken by another node (node i uses port + 2i and controller-port + 2i)");
    }

    /** The cluster id of this data folder: made once, kept so that a restart finds its own logs. */
    private static String clusterId(final Path dir) {
        final Path file = dir.resolve(CLUSTER_ID_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            final String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    private static String ids(final List<Node> nodes) {
        return nodes.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(",", "[", "]"));
    }

    static void writeProperties(final Properties props, final Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Written by local-kafka; rewritten at every start");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Options of a {@link LocalKafkaCluster}. */
    public static final class Builder {
        private int nodes = 3;
        private Path dataDir;
        private boolean wipe;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of(
                // a development broker: small heap; quick start-up matters more than peak speed
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));

        private Builder() {
        }

        /** Number of nodes (default 3), each a broker and a controller. */
        public Builder nodes(final int nodes) {
            this.nodes = nodes;
            return this;
        }

        /** A data folder to keep across restarts; without one a temporary folder is used and deleted on close. */
        public Builder dataDir(final Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Delete the data folder's content before starting (a fresh cluster). */
        public Builder wipe(final boolean wipe) {
            this.wipe = wipe;
            return this;
        }

        /** The first node's client port (node i: {@code port + 2(i-1)}); 0 (the default) picks free ones. */
        public Builder port(final int port) {
            this.port = port;
            return this;
        }

        /** The first node's controller port (node i: {@code port + 2(i-1)}); 0 (the default) picks free ones. */
        public Builder controllerPort(final int port) {
            this.controllerPort = port;
            return this;
        }

        /** Any further broker setting, on every node. */
        public Builder brokerSetting(final String key, final String value) {
            overrides.put(key, value);
            return this;
        }

        /** JVM options of every node, instead of the defaults. */
        public Builder jvmOptions(final List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        public LocalKafkaCluster build() {
            return new LocalKafkaCluster(this);
        }
    }
}
