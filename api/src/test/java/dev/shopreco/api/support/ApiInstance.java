package dev.shopreco.api.support;

import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One API instance in this JVM: its own Micronaut context, HTTP server on a free port, Kafka
 * Streams client and state directory, as {@code java -jar api.jar} would run it.
 */
public final class ApiInstance implements AutoCloseable {

    private final EmbeddedServer server;
    private final Http http;

    private ApiInstance(final EmbeddedServer server) {
        this.server = server;
        this.http = new Http(server.getURI());
    }

    /** Starts an instance on {@code bootstrapServers} with {@code overrides} on top of application.yml. */
    public static ApiInstance start(final String bootstrapServers, final Map<String, Object> overrides) {
        final Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", bootstrapServers);
        props.put("micronaut.server.port", -1);
        props.put("streams.state-dir", tempDir().toString());
        props.put("served-log.linger", "1ms");
        props.putAll(overrides);
        return new ApiInstance(ApplicationContext.run(EmbeddedServer.class, props, "test"));
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

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("api-streams-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
