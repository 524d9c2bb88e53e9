package dev.shopreco.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link LocalKafkaCluster}: a broker and KRaft controller in its own JVM, with its own
 * data folder ({@code node-<id>/}), log ({@code node-<id>/broker.log}, appended at each start) and
 * ports, which stay the same across restarts.
 */
public final class ClusterNode {

    private final int id;
    private final int port;
    private final int controllerPort;
    private final Path dir;
    private final Properties serverProperties;
    private final String clusterId;
    private final List<String> jvmOptions;
    private Process process;

    ClusterNode(final int id, final int port, final int controllerPort, final Path dir,
            final Properties serverProperties, final String clusterId, final List<String> jvmOptions) {
        this.id = id;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dir = dir;
        this.serverProperties = serverProperties;
        this.clusterId = clusterId;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts the node's process (formatting its storage on the first start) and returns at once;
     * {@link LocalKafkaCluster#awaitRunning} waits until it is a registered broker.
     */
    public synchronized ClusterNode start() {
        if (isRunning()) {
            throw new IllegalStateException("Node " + id + " is running");
        }
        final Path propsFile = dir.resolve("server.properties");
        LocalKafkaCluster.writeProperties(serverProperties, propsFile);
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // the node logs through log4j2 to its standard output when log4j2 is on the classpath
        command.add("-Dlog4j2.configurationFile=local-kafka-node-log4j2.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterNodeMain.class.getName());
        command.add(propsFile.toString());
        command.add(clusterId);
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            Files.writeString(dir.resolve("pid"), Long.toString(process.pid()), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start node " + id, e);
        }
        return this;
    }

    /** SIGKILL: no clean stop, no leaving the quorum; returns once the process is gone. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /**
     * SIGTERM: a clean stop (leaders moved away first, logs flushed); returns once the process is
     * gone. A node without a controller quorum to report to halts after 20 s.
     */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(ClusterNodeMain.STOP_TIMEOUT.plusSeconds(20))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
            }
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The node id (1-based), also its broker id. */
    public int id() {
        return id;
    }

    /** The client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The KRaft controller port on 127.0.0.1. */
    public int controllerPort() {
        return controllerPort;
    }

    /** {@code 127.0.0.1:port}. */
    public String bootstrapServer() {
        return "127.0.0.1:" + port;
    }

    /** The node's folder: its {@code server.properties}, {@code logs/} (topic data), log and pid. */
    public Path dir() {
        return dir;
    }

    /** The node's log, every start appended. */
    public Path log() {
        return dir.resolve("broker.log");
    }

    /** The process id while running, else -1. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(final int lines) {
        try {
            final List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (final IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean waitFor(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "node " + id + " (" + bootstrapServer() + ", " + (isRunning() ? "pid " + pid() : "down") + ")";
    }
}
