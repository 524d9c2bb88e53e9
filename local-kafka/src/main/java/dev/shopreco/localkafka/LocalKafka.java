package dev.shopreco.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one node), run
 * inside this JVM from the Maven Central artifact {@code org.apache.kafka:kafka_2.13}. No Docker,
 * no download at run time.
 *
 * <p>The data folder is formatted on first start and reused afterwards, so topics and offsets
 * survive a restart (unless {@link Builder#wipe} asks otherwise). A temporary data folder is
 * deleted by {@link #close()}.
 */
public final class LocalKafka implements AutoCloseable {

    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final Path dataDir;
    private final boolean temporary;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final String securityProtocol;
    private final List<String> scramCredentials;
    private final Map<String, String> clientSettings;
    private KafkaRaftServer server;

    private LocalKafka(final Builder builder) {
        try {
            this.temporary = builder.dataDir == null;
            this.dataDir = temporary ? Files.createTempDirectory("local-kafka-") : builder.dataDir.toAbsolutePath();
            if (builder.wipe && !temporary) {
                deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot prepare the broker's data folder " + builder.dataDir, e);
        }
        this.port = builder.port == 0 ? freePort() : builder.port;
        this.controllerPort = builder.controllerPort == 0 ? freePortOutside(Set.of(port), LocalKafka::freePort)
                : builder.controllerPort;
        this.overrides = Map.copyOf(builder.overrides);
        this.securityProtocol = builder.securityProtocol;
        this.scramCredentials = List.copyOf(builder.scramCredentials);
        this.clientSettings = Map.copyOf(builder.clientSettings);
    }

    /** A builder with the defaults: temporary data folder, free ports. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data folder if needed, starts the broker and waits until it answers a metadata
     * request.
     *
     * @throws IllegalStateException if the broker does not become ready within {@code timeout}
     */
    public synchronized LocalKafka start(final Duration timeout) {
        if (server != null) {
            return this;
        }
        final Properties props = serverProperties();
        final Path propsFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "Written by local-kafka; rewritten at every start");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + propsFile, e);
        }
        format(propsFile);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        awaitReady(timeout);
        return this;
    }

    /** Starts with a 60 s readiness timeout. */
    public LocalKafka start() {
        return start(Duration.ofSeconds(60));
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * What a client needs besides the bootstrap servers to reach this broker (security protocol,
     * SASL and TLS settings), as given to {@link Builder#clientSetting}; empty for PLAINTEXT.
     */
    public Map<String, String> clientSettings() {
        return clientSettings;
    }

    /** The folder holding the broker's logs (topic data) and its configuration. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether the broker is started. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker cleanly (controlled shutdown); the data folder is kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Stops the broker and deletes the data folder if it was a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private Properties serverProperties() {
        final Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", securityProtocol + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", securityProtocol + "://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", securityProtocol);
        p.put("listener.security.protocol.map", securityProtocol + ":" + securityProtocol + ",CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.putAll(BrokerDefaults.of(1));
        p.putAll(overrides);
        return p;
    }

    private void format(final Path propsFile) {
        format(propsFile, clusterId(), dataDir, scramCredentials);
    }

    /**
     * Formats the storage named by {@code propsFile} for {@code clusterId}, unless it is formatted
     * already (then nothing changes).
     *
     * @throws IllegalStateException if Kafka's storage tool fails
     */
    static void format(final Path propsFile, final String clusterId, final Path dataDir,
            final List<String> scramCredentials) {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final List<String> args = new ArrayList<>(List.of("format", "--cluster-id", clusterId,
                "--config", propsFile.toString(), "--ignore-formatted"));
        for (final String credential : scramCredentials) {
            args.add("--add-scram");
            args.add(credential);
        }
        final int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(args.toArray(String[]::new), print);
        } catch (final RuntimeException e) {
            throw new IllegalStateException("Cannot format the broker storage in " + dataDir + ": " + e.getMessage(), e);
        }
        if (code != 0) {
            throw new IllegalStateException("Formatting the broker storage in " + dataDir + " failed ("
                    + code + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** The cluster id of this data folder: made once, kept so that a restart finds its own logs. */
    private String clusterId() {
        final Path file = dataDir.resolve(CLUSTER_ID_FILE);
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

    private void awaitReady(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.putAll(clientSettings);
        RuntimeException last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the broker", e);
                } catch (final Exception e) {
                    last = new IllegalStateException(e.getMessage(), e);
                }
                sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("The broker at " + bootstrapServers() + " did not become ready within "
                + timeout.toSeconds() + " s", last);
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A port from {@code freePorts} that is not in {@code used}: the system may hand out the port it
     * gave a moment before, so such a draw is drawn again (100 tries).
     */
    static int freePortOutside(final Set<Integer> used, final IntSupplier freePorts) {
        for (int attempt = 0; attempt < 100; attempt++) {
            final int port = freePorts.getAsInt();
            if (!used.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port outside " + used + " after 100 tries");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port on the loopback address", e);
        }
    }

    static void deleteRecursively(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    /** Options of a {@link LocalKafka}. */
    public static final class Builder {
        private Path dataDir;
        private boolean wipe;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new java.util.HashMap<>();
        private String securityProtocol = "PLAINTEXT";
        private final List<String> scramCredentials = new ArrayList<>();
        private final Map<String, String> clientSettings = new java.util.HashMap<>();

        private Builder() {
        }

        /**
         * The client listener's protocol (default PLAINTEXT), e.g. {@code SASL_SSL}; its SASL and TLS
         * settings are given with {@link #brokerSetting}, and the controller listener stays PLAINTEXT.
         */
        public Builder securityProtocol(final String protocol) {
            this.securityProtocol = protocol;
            return this;
        }

        /**
         * A SCRAM user written into the storage when it is formatted (a KRaft cluster needs its
         * brokers' own SCRAM user before it runs), e.g. {@code ("SCRAM-SHA-512", "admin", secret)}.
         */
        public Builder scramUser(final String mechanism, final String user, final String password) {
            scramCredentials.add(mechanism + "=[name=" + user + ",password=" + password + "]");
            return this;
        }

        /** A client setting this broker requires (see {@link LocalKafka#clientSettings()}); used to await readiness. */
        public Builder clientSetting(final String key, final String value) {
            clientSettings.put(key, value);
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

        /** The client port; 0 (the default) picks a free one. */
        public Builder port(final int port) {
            this.port = port;
            return this;
        }

        /** The controller port; 0 (the default) picks a free one. */
        public Builder controllerPort(final int port) {
            this.controllerPort = port;
            return this;
        }

        /** Any further broker setting (e.g. {@code log.retention.hours}). */
        public Builder brokerSetting(final String key, final String value) {
            overrides.put(key, value);
            return this;
        }

        public LocalKafka build() {
            return new LocalKafka(this);
        }
    }
}
