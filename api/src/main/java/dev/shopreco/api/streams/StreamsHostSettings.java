package dev.shopreco.api.streams;

import dev.shopreco.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the API decides about the Kafka Streams instance it hosts; everything else (threads,
 * guarantee, weights, top-K, ...) comes from the environment variables that {@link StreamsSettings}
 * documents, so the API and the headless runner read one set of names.
 *
 * @param bootstrapServers  brokers ({@code kafka.bootstrap.servers})
 * @param applicationId     Kafka Streams application id, the same on every instance
 * @param stateDir          state directory; blank for {@code <tmp>/shop-reco-api-<port>}, so that two
 *                          instances on one machine never share one
 * @param applicationServer {@code host:port} other instances use to reach this one; blank for
 *                          {@code <advertisedHost>:<actual HTTP port>}
 * @param advertisedHost    host part of the default application server
 * @param createTopics      create missing topics (the system's and the topology's) before starting
 */
public record StreamsHostSettings(String bootstrapServers, String applicationId, String stateDir,
        String applicationServer, String advertisedHost, boolean createTopics) {

    /** This instance's {@code host:port} once the HTTP server listens on {@code port}. */
    public String applicationServerFor(final int port) {
        return isBlank(applicationServer) ? advertisedHost + ":" + port : applicationServer.trim();
    }

    /** The state directory for an instance on {@code port}. */
    public Path stateDirFor(final int port) {
        return isBlank(stateDir) ? Path.of(System.getProperty("java.io.tmpdir"), "shop-reco-api-" + port)
                : Path.of(stateDir.trim());
    }

    /** The topology's settings: the environment, with this instance's own values on top. */
    public StreamsSettings topologySettings(final Map<String, String> environment, final int port) {
        final Map<String, String> variables = new HashMap<>(environment);
        variables.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        variables.put("STREAMS_APPLICATION_ID", applicationId);
        variables.put("STREAMS_STATE_DIR", stateDirFor(port).toString());
        variables.put("STREAMS_APPLICATION_SERVER", applicationServerFor(port));
        return StreamsSettings.from(variables);
    }

    private static boolean isBlank(final String text) {
        return text == null || text.isBlank();
    }
}
