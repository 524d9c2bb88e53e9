package dev.shopreco.api.streams;

import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.topology.DroppedRecords;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsStarter;
import dev.shopreco.streams.topology.StreamsTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts this instance's Kafka Streams client, built from streams-app's {@link RecoTopology}.
 *
 * <p>Started when the HTTP server has bound its port, not when the bean is created: the port is
 * part of {@code application.server} (other instances forward requests to it) and is only known
 * then when it is random (tests, {@code PORT=0}). Start-up runs on its own thread, so the server
 * answers at once: {@code /health} reports DOWN and store reads 503 until the stores can be
 * queried. If the broker is not reachable yet, topic creation is retried until it is.
 *
 * <p>On shutdown the client leaves its group, so that the other instances take over its
 * partitions at once instead of after the session timeout.
 */
@Singleton
public class KafkaStreamsHost implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsHost.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final StreamsHostSettings settings;
    private final MeterRegistry meters;
    private final StateVersions versions = new StateVersions();
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile String instanceId = "unknown";
    private volatile KafkaStreamsMetrics metrics;
    private volatile DroppedRecords dropped;
    private volatile Thread starter;
    private volatile boolean closed;

    public KafkaStreamsHost(final StreamsHostSettings settings, final MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    @Override
    public void onApplicationEvent(final ServerStartupEvent event) {
        start(event.getSource().getPort(), System.getenv());
    }

    /** Builds and starts the client for a server listening on {@code port}; a second call does nothing. */
    public synchronized void start(final int port, final Map<String, String> environment) {
        if (starter != null || closed) {
            return;
        }
        final StreamsSettings topology = settings.topologySettings(environment, port);
        self = HostInfo.buildFromEndpoint(topology.applicationServer());
        instanceId = self.host() + ":" + self.port();
        starter = new Thread(() -> run(topology), "streams-starter");
        starter.setDaemon(true);
        starter.start();
    }

    private void run(final StreamsSettings topology) {
        if (settings.createTopics() && !ensureTopics(topology.bootstrapServers())) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            LOG.info("Starting Kafka Streams {} on {} as {} (state in {})", topology.applicationId(),
                    topology.bootstrapServers(), topology.applicationServer(), topology.stateDir());
            try {
                // local state a killed process left unopenable is deleted first, and restored from the changelogs
                StreamsStarter.start(topology, () -> newClient(topology));
            } catch (final RuntimeException e) {
                LOG.error("Kafka Streams cannot start; /health stays DOWN and store reads answer 503", e);
            }
        }
    }

    /** The configured client, with its metrics bound (its state is what /health reports). */
    private KafkaStreams newClient(final StreamsSettings topology) {
        final KafkaStreams client = new KafkaStreams(RecoTopology.build(topology, versions),
                RecoTopology.config(topology));
        client.setStateListener((now, before) -> {
            // partitions may move: a store regained later was written elsewhere meanwhile
            versions.everythingChanged();
            LOG.info("Kafka Streams {} -> {}", before, now);
        });
        client.setUncaughtExceptionHandler(error -> {
            // a bug or a poisoned record must not silently stop serving: log it, replace the thread
            LOG.error("Stream thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics = new KafkaStreamsMetrics(client);
        metrics.bindTo(meters);
        // one line a minute for dropped records instead of Kafka's line per record (see logback.xml)
        dropped = DroppedRecords.report(client, DroppedRecords.PERIOD);
        streams = client;
        return client;
    }

    /** Creates missing topics, retrying while the broker is away; false if closed meanwhile. */
    private boolean ensureTopics(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        KafkaClientSettings.addTo(props);
        while (!closed) {
            try (Admin admin = Admin.create(props)) {
                StreamsTopics.ensureAll(admin, TopicSettings.fromEnvironment(), Duration.ofSeconds(15));
                return true;
            } catch (final RuntimeException e) {
                LOG.warn("Cannot create topics on {} yet ({}); retrying", bootstrapServers, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** The change counters the hosted topology bumps (for caches of the read path). */
    public StateVersions versions() {
        return versions;
    }

    /** The client, or null before it is built. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The client's state, or null before it is built. */
    public KafkaStreams.State state() {
        final KafkaStreams client = streams;
        return client == null ? null : client.state();
    }

    /** This instance as other instances see it ({@code application.server}), or null before start. */
    public HostInfo self() {
        return self;
    }

    /** This instance's {@code host:port}, the {@code instance} of served events. */
    public String instanceId() {
        return instanceId;
    }

    /** Closes the client (leaving the group); state stays on disk for a fast restart. */
    @PreDestroy
    public void close() {
        final Thread thread;
        final KafkaStreams client;
        synchronized (this) {
            closed = true;
            thread = starter;
            client = streams;
        }
        if (thread != null) {
            thread.interrupt();
        }
        if (client != null) {
            client.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            if (metrics != null) {
                metrics.close();
            }
            if (dropped != null) {
                dropped.close();
            }
        }
    }
}
