package dev.shopreco.api.support;

import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One API instance in this JVM: its own Micronaut context, HTTP server on a free port, Kafka
 * Streams client and state directory (a temporary one, deleted on close), as {@code java -jar api.jar}
 * would run it.
 */
public final class ApiInstance implements AutoCloseable {

    private final EmbeddedServer server;
    private final Http http;
    private final Path stateDir;

    private ApiInstance(final EmbeddedServer server, final Path stateDir) {
        this.server = server;
        this.stateDir = stateDir;
        this.http = new Http(server.getURI());
    }

    /**
     * Starts an instance on {@code bootstrapServers} with {@code overrides} on top of application.yml
     * and of the test defaults: a temporary state directory, and the Gram flush, kept-set interval and
     * model refits every second.
     */
    public static ApiInstance start(final String bootstrapServers, final Map<String, Object> overrides) {
        final Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrapServers);
        props.put("micronaut.server.port", -1);
        final Path stateDir = tempDir();
        props.put("streams.state-dir", stateDir.toString());
        props.put("served-log.linger", "1ms");
        // background work every second instead of every 30 s (Gram flush), 1 min (kept set) and 10 s
        // (refits): a test waits for the data, not for a timer; when things happen, not what they hold
        props.put("streams.item-gram.flush-interval", "1s");
        props.put("streams.item-gram.kept-interval", "1s");
        props.put("reco.item-ease.refit-interval", "1s");
        props.put("reco.user-knn.refit-interval", "1s");
        props.putAll(overrides);
        return new ApiInstance(ApplicationContext.run(EmbeddedServer.class, props, "test"), stateDir);
    }

    /** Starts an instance with the default configuration. */
    public static ApiInstance start(final String bootstrapServers) {
        return start(bootstrapServers, Map.of());
    }

    /** Waits until {@code /health} is UP (Kafka Streams running, stores queryable). */
    public ApiInstance awaitReady() {
        // a loaded machine can leave a starting instance too busy to answer within the client's timeout
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> http.get("/health").status() == 200);
        return this;
    }

    public Http http() {
        return http;
    }

    /** {@code host:port} as other instances see it. */
    public String hostPort() {
        return "127.0.0.1:" + server.getPort();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Stops the instance and deletes its state directory. */
    @Override
    public void close() {
        server.getApplicationContext().close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot delete " + stateDir, e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("api-streams-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
