package dev.shopreco.localkafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * The main class of one node of a {@link LocalKafkaCluster}, run in its own JVM so that it can be
 * killed on its own: formats the node's storage if needed, runs a {@code KafkaRaftServer} (broker
 * and controller) until SIGTERM, and stops when the process that started it ends, so that no node
 * outlives its cluster.
 *
 * <p>Arguments: the node's {@code server.properties} and the cluster id.
 */
public final class ClusterNodeMain {

    /** How long a clean stop may take before the process halts (a node without a quorum cannot finish one). */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private ClusterNodeMain() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ClusterNodeMain SERVER_PROPERTIES CLUSTER_ID");
            System.exit(2);
        }
        final Path propsFile = Path.of(args[0]);
        final Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(propsFile, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        LocalKafka.format(propsFile, args[1], propsFile.getParent(), java.util.List.of());
        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            haltAfter(STOP_TIMEOUT);
            server.shutdown();
            server.awaitShutdown();
        }, "local-kafka-node-shutdown"));
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.out.println("The process that started this node ended; stopping.");
            System.exit(0);
        }));
        server.startup();
        System.out.println("Kafka node " + props.getProperty("node.id") + " started: "
                + props.getProperty("listeners"));
        server.awaitShutdown();
    }

    /** A clean stop needs the controller quorum; without one it would wait minutes: halt instead. */
    private static void haltAfter(final Duration timeout) {
        final Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (final InterruptedException e) {
                return;
            }
            System.out.println("Clean stop not finished after " + timeout.toSeconds() + " s; halting.");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }, "local-kafka-node-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
