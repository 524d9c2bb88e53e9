package dev.shopreco.api.streams;

import dev.shopreco.api.health.HealthSettings;
import dev.shopreco.api.health.ProgressWatch;
import dev.shopreco.api.health.RestoreLag;
import dev.shopreco.api.health.ThreadFailures;
import dev.shopreco.common.kafka.KafkaRefusal;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.streams.state.InputBacklog;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.topology.DeadLetterHandler;
import dev.shopreco.streams.topology.DeadLetterMetrics;
import dev.shopreco.streams.topology.DroppedRecords;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsStarter;
import dev.shopreco.streams.topology.StreamsTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private static final Duration PROGRESS_SAMPLE = Duration.ofSeconds(5);

    private final StreamsHostSettings settings;
    private final MeterRegistry meters;
    private final StateVersions versions = new StateVersions();
    private final InputBacklog backlog = new InputBacklog();
    /** One for the host's life: a client built again (after a broken local state) counts on. */
    private final DeadLetterMetrics deadLetters = new DeadLetterMetrics();
    private final RestoreLag restoreLag = new RestoreLag();
    private final ThreadFailures threadFailures;
    private final Counter threadFailureCounter;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "streams-progress-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ProgressWatch progress;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile String instanceId = "unknown";
    private volatile KafkaStreamsMetrics metrics;
    private volatile DroppedRecords dropped;
    private volatile Thread starter;
    private volatile boolean closed;

    public KafkaStreamsHost(final StreamsHostSettings settings, final MeterRegistry meters,
            final HealthSettings health) {
        this.settings = settings;
        this.meters = meters;
        this.threadFailures = new ThreadFailures(health.failureWindow());
        this.threadFailureCounter = Counter.builder("shop.streams.thread.failures")
                .description("stream threads that failed and were replaced").register(meters);
        bindDeadLetters();
    }

    /** {@code shop.dead.letters{stage, reason}}: the dead letters the hosted topology wrote. */
    private void bindDeadLetters() {
        for (final String stage : List.of(DeadLetterMetrics.STAGE_TOPOLOGY, DeadLetterMetrics.STAGE_AB_ATTRIBUTION,
                DeadLetterHandler.STAGE_GLOBAL)) {
            for (final RejectReason reason : RejectReason.values()) {
                FunctionCounter.builder("shop.dead.letters", deadLetters, d -> d.count(stage, reason))
                        .description("records the topology sent to shop.sessions.rejected (stage global: skipped by "
                                + "the global thread, which cannot send dead letters)")
                        .tag("stage", stage).tag("reason", reason.name()).register(meters);
            }
        }
    }

    @Override
    public void onApplicationEvent(final ServerStartupEvent event) {
        start(event.getSource().getPort());
    }

    /** Builds and starts the client for a server listening on {@code port}; a second call does nothing. */
    public synchronized void start(final int port) {
        if (starter != null || closed) {
            return;
        }
        final StreamsSettings topology = settings.topologyFor(port);
        self = HostInfo.buildFromEndpoint(topology.applicationServer());
        instanceId = self.host() + ":" + self.port();
        starter = new Thread(() -> run(topology), "streams-starter");
        starter.setDaemon(true);
        starter.start();
    }

    private void run(final StreamsSettings topology) {
        if (refused(topology.bootstrapServers())
                || settings.createTopics() && !ensureTopics(topology.bootstrapServers())) {
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
        final Properties config = RecoTopology.config(topology);
        config.put(DeadLetterMetrics.CONFIG, deadLetters);
        final KafkaStreams client = new KafkaStreams(RecoTopology.build(topology, versions, backlog), config);
        restoreLag.clear();
        client.setGlobalStateRestoreListener(restoreLag);
        client.setStateListener((now, before) -> {
            // partitions may move: a store regained later was written elsewhere meanwhile
            versions.everythingChanged();
            LOG.info("Kafka Streams {} -> {}", before, now);
        });
        client.setUncaughtExceptionHandler(error -> {
            // a bug or a poisoned record must not silently stop serving: log it, replace the thread
            LOG.error("Stream thread failed; replacing it", error);
            threadFailures.failed(System.currentTimeMillis());
            threadFailureCounter.increment();
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics = new KafkaStreamsMetrics(client);
        metrics.bindTo(meters);
        // one line a minute for dropped records instead of Kafka's line per record (see logback.xml)
        dropped = DroppedRecords.report(client, DroppedRecords.PERIOD);
        final ProgressWatch watch = new ProgressWatch(client::metrics, System.currentTimeMillis());
        progress = watch;
        sampler.scheduleAtFixedRate(() -> {
            try {
                if (progress == watch) {
                    watch.sample(System.currentTimeMillis());
                }
            } catch (final RuntimeException e) {
                LOG.debug("Cannot sample the progress metrics", e);
            }
        }, PROGRESS_SAMPLE.toMillis(), PROGRESS_SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
        // what waits in each task's input: the item-Gram flush follows changes, not the clock, during a backlog
        sampler.scheduleWithFixedDelay(() -> {
            if (streams == client) {
                backlog.readQuietly(client);
            }
        }, InputBacklog.PERIOD.toMillis(), InputBacklog.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        streams = client;
        return client;
    }

    /** Stream threads of the client that are alive (not dead nor shutting down); 0 before it is built. */
    public long liveStreamThreads() {
        final KafkaStreams client = streams;
        if (client == null) {
            return 0;
        }
        try {
            return client.metadataForLocalThreads().stream()
                    .filter(t -> !"DEAD".equals(t.threadState()) && !"PENDING_SHUTDOWN".equals(t.threadState()))
                    .count();
        } catch (final RuntimeException e) {
            return 0;
        }
    }

    /** Whether {@link #close()} was called: a client that stops then was asked to. */
    public boolean closing() {
        return closed;
    }

    /** What the local stores still have to restore. */
    public RestoreLag restoreLag() {
        return restoreLag;
    }

    /** Recent stream-thread failures. */
    public ThreadFailures threadFailures() {
        return threadFailures;
    }

    /** Whether processing moves, or null before the client is built. */
    public ProgressWatch progress() {
        return progress;
    }

    /** The dead letters the hosted topology wrote, per stage and reason. */
    public DeadLetterMetrics deadLetters() {
        return deadLetters;
    }

    /**
     * Whether Kafka refuses this instance's credentials (then the process exits: no retry can help);
     * a broker that cannot be reached is not a refusal.
     */
    private boolean refused(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.topology().client().addTo(props);
        try {
            KafkaRefusal.check(props, Duration.ofSeconds(15), settings.topology().client());
            return false;
        } catch (final KafkaRefusal refusal) {
            exitRefused(refusal);
            return true;
        }
    }

    /** Logs the refusal, naming the settings, and ends the process (from another thread: the stop joins this one). */
    private static void exitRefused(final KafkaRefusal refusal) {
        LOG.error("{} The service stops.", refusal.getMessage());
        new Thread(() -> System.exit(3), "kafka-refused-exit").start();
    }

    /** Creates missing topics, retrying while the broker is away; false if closed meanwhile. */
    private boolean ensureTopics(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        settings.topology().client().addTo(props);
        while (!closed) {
            try (Admin admin = Admin.create(props)) {
                StreamsTopics.ensureAll(admin, settings.topics(), Duration.ofSeconds(15));
                return true;
            } catch (final RuntimeException e) {
                final Optional<KafkaRefusal> refusal = KafkaRefusal.of(e, settings.topology().client());
                if (refusal.isPresent()) {
                    exitRefused(refusal.get());
                    return false;
                }
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
    /** Records waiting in the input of this instance's active tasks when last read (every second). */
    public long inputBacklog() {
        return backlog.total();
    }

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
        sampler.shutdownNow();
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
