package dev.shopreco.localkafka;

import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar local-kafka/target/local-kafka.jar}: runs a single-node KRaft broker (in this JVM)
 * or, with {@code --brokers N}, a cluster of N nodes (one JVM each) in the foreground until Ctrl-C,
 * with the system's topics created, its data kept in a folder across restarts, and its logs in files.
 */
@Command(name = "local-kafka.jar", mixinStandardHelpOptions = true, version = "local-kafka (Apache Kafka 4.4.0, KRaft)",
        description = {
            "Runs Apache Kafka's own broker (KRaft, broker+controller in one node) without Docker;",
            "with --brokers N, N such nodes in N processes forming one cluster.",
            "Prints 'Kafka broker ready at HOST:PORT[,HOST:PORT...]' when clients can connect; Ctrl-C stops it cleanly."})
public final class LocalKafkaCli implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:LOCAL_KAFKA_DIR:-.local-kafka}",
            description = "Folder for the broker's data, kept across restarts (env LOCAL_KAFKA_DIR; default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--brokers", defaultValue = "${env:LOCAL_KAFKA_BROKERS:-1}",
            description = {"Number of nodes (env LOCAL_KAFKA_BROKERS; default: ${DEFAULT-VALUE}). Above 1, each node runs in its own",
                "process with its data and log in <data-dir>/node-<i>/, and topics get min(3, N) replicas,",
                "min.insync.replicas 2 from 3 nodes on."})
    private int brokers;

    @Option(names = "--port", defaultValue = "${env:LOCAL_KAFKA_PORT:-9092}",
            description = {"Client port on 127.0.0.1 (env LOCAL_KAFKA_PORT; default: ${DEFAULT-VALUE}; 0 = any free port).",
                "Node i of a cluster uses port + 2(i-1)."})
    private int port;

    @Option(names = "--controller-port", defaultValue = "${env:LOCAL_KAFKA_CONTROLLER_PORT:-9093}",
            description = {"KRaft controller port on 127.0.0.1 (env LOCAL_KAFKA_CONTROLLER_PORT; default: ${DEFAULT-VALUE}; 0 = any free port).",
                "Node i of a cluster uses controller-port + 2(i-1)."})
    private int controllerPort;

    @Option(names = "--wipe", description = "Delete the data folder's content first (a fresh, empty cluster).")
    private boolean wipe;

    @Option(names = "--log-file", description = "Broker log file of a single node (default: <data-dir>/broker.log; a cluster's nodes log to <data-dir>/node-<i>/broker.log).")
    private Path logFile;

    @Option(names = "--partitions", description = "Partitions of each topic created (default: env SHOP_TOPIC_PARTITIONS or 3).")
    private Integer partitions;

    @Option(names = "--no-topics", description = "Do not create the system's topics (by default they are created when the broker is ready).")
    private boolean noTopics;

    @Option(names = "--ready-file", description = "Write the bootstrap address to this file once the broker is ready (for scripts).")
    private Path readyFile;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new LocalKafkaCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (brokers < 1) {
            System.err.println("--brokers must be at least 1, got " + brokers);
            return 2;
        }
        return brokers == 1 ? runBroker() : runCluster();
    }

    private Integer runBroker() throws Exception {
        final Path log = logFile != null ? logFile : dataDir.resolve("broker.log");
        Files.createDirectories(log.toAbsolutePath().getParent());
        // the broker logs through SLF4J -> log4j2; route it to the file before the first logger exists
        System.setProperty("localkafka.logfile", log.toAbsolutePath().toString());
        System.setProperty("log4j2.configurationFile", "local-kafka-log4j2.xml");
        // our own shutdown hook stops the broker; log4j's would close the log file before the broker's last lines
        System.setProperty("log4j.shutdownHookEnabled", "false");

        final long started = System.nanoTime();
        System.out.printf("Starting Kafka broker (data: %s, log: %s)...%n", dataDir.toAbsolutePath(), log.toAbsolutePath());
        final LocalKafka broker = LocalKafka.builder().dataDir(dataDir).wipe(wipe).port(port)
                .controllerPort(controllerPort).build();
        try {
            broker.start(Duration.ofSeconds(120));
        } catch (final RuntimeException e) {
            System.err.println("The broker did not start: " + e.getMessage() + " (see " + log.toAbsolutePath() + ")");
            return 1;
        }
        return serve(broker.bootstrapServers(), started, () -> {
            System.out.println("Stopping Kafka broker...");
            broker.stop();
            System.out.println("Kafka broker stopped; data kept in " + dataDir.toAbsolutePath());
        });
    }

    private Integer runCluster() throws Exception {
        final long started = System.nanoTime();
        System.out.printf("Starting a Kafka cluster of %d nodes (data and logs: %s/node-<i>/)...%n", brokers,
                dataDir.toAbsolutePath());
        final LocalKafkaCluster cluster;
        try {
            cluster = LocalKafkaCluster.builder().nodes(brokers).dataDir(dataDir).wipe(wipe).port(port)
                    .controllerPort(controllerPort).build();
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            cluster.start(Duration.ofSeconds(180));
        } catch (final RuntimeException e) {
            System.err.println("The cluster did not start: " + e.getMessage());
            return 1;
        }
        for (final ClusterNode node : cluster.nodes()) {
            System.out.printf("  node %d: %s, controller 127.0.0.1:%d, pid %d, log %s%n", node.id(),
                    node.bootstrapServer(), node.controllerPort(), node.pid(), node.log());
        }
        return serve(cluster.bootstrapServers(), started, () -> {
            System.out.println("Stopping the Kafka cluster...");
            cluster.stop();
            System.out.println("Kafka cluster stopped; data kept in " + dataDir.toAbsolutePath());
        });
    }

    /** Creates the topics, announces the address, and waits for Ctrl-C, which runs {@code stop}. */
    private Integer serve(final String bootstrap, final long started, final Runnable stop) throws Exception {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        if (!noTopics) {
            final List<String> created = createTopics(bootstrap);
            System.out.println(created.isEmpty() ? "Topics already present." : "Created topics " + created);
        }
        if (readyFile != null) {
            Files.writeString(readyFile, bootstrap + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        System.out.printf("Kafka broker ready at %s (started in %.1f s). Press Ctrl-C to stop.%n",
                bootstrap, (System.nanoTime() - started) / 1e9);
        System.out.flush();
        stopped.await();
        return 0;
    }

    private List<String> createTopics(final String bootstrap) {
        final Map<String, String> settings = new HashMap<>(System.getenv());
        if (partitions != null) {
            settings.put(TopicSettings.PARTITIONS, partitions.toString());
        }
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            return Topics.ensure(admin, Topics.all(TopicSettings.from(settings)), Duration.ofSeconds(30));
        }
    }
}
