package dev.shopreco.api.streams;

import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.streams.topology.StreamsSettings;
import java.nio.file.Path;

/**
 * The Kafka Streams instance the API hosts: the topology's settings (the same variables as the
 * headless runner), and what the API decides per instance once its HTTP port is known.
 *
 * @param topology       the topology's settings; a null state dir or application server takes the
 *                       per-port default below
 * @param topics         the topics created before the start
 * @param advertisedHost host part of the default application server
 * @param createTopics   create missing topics (the system's and the topology's) before starting
 */
public record StreamsHostSettings(StreamsSettings topology, TopicSettings topics, String advertisedHost,
        boolean createTopics) {

    /** This instance's {@code host:port} once the HTTP server listens on {@code port}. */
    public String applicationServerFor(final int port) {
        return topology.applicationServer() != null ? topology.applicationServer() : advertisedHost + ":" + port;
    }

    /** The state directory for an instance on {@code port}: {@code <tmp>/shop-reco-api-<port>} unless set. */
    public Path stateDirFor(final int port) {
        return topology.stateDir() != null ? topology.stateDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "shop-reco-api-" + port);
    }

    /** The topology's settings for the instance listening on {@code port}. */
    public StreamsSettings topologyFor(final int port) {
        return topology.on(topology.bootstrapServers(), topology.applicationId(), stateDirFor(port))
                .withApplicationServer(applicationServerFor(port));
    }
}
