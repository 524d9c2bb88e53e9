package dev.shopreco.streams;

import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.kafka.KafkaRefusal;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.streams.topology.DroppedRecords;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsStarter;
import dev.shopreco.streams.topology.StreamsTopics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topology headless against any brokers ({@code KAFKA_BOOTSTRAP_SERVERS}; every setting in
 * {@link StreamsSettings}), creating missing topics first unless {@code STREAMS_CREATE_TOPICS=false}.
 * Logs every state change; SIGTERM or Ctrl-C closes it cleanly (offsets committed, stores flushed).
 * Exits 1 if the instance fails.
 */
public final class StreamsRunner {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private StreamsRunner() {
    }

    public static void main(final String[] args) throws InterruptedException {
        if (System.getProperty("log4j2.configurationFile") == null) {
            // the jar's own logging setup, under a name that cannot shadow an application's log4j2.xml
            System.setProperty("log4j2.configurationFile", "streams-runner-log4j2.xml");
        }
        try {
            System.exit(Holder.run());
        } catch (final KafkaRefusal refusal) {
            // the user's to fix: one clear message, no stack trace
            Holder.LOG.error(refusal.getMessage());
            System.exit(3);
        }
    }

    /** Holds the logger, so that it is created after the logging setup is chosen. */
    private static final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

        static int run() throws InterruptedException {
            final StreamsSettings settings = StreamsSettings.fromEnvironment();
            LOG.info("Starting {} against {} (state dir {}, guarantee {})", settings.applicationId(),
                    settings.bootstrapServers(), settings.stateDir() == null ? "default" : settings.stateDir(),
                    settings.processingGuarantee());
            // wrong credentials stop the start here, instead of every stream thread failing on them
            KafkaRefusal.check(adminProps(settings), Duration.ofSeconds(30));
            if (!"false".equalsIgnoreCase(System.getenv("STREAMS_CREATE_TOPICS"))) {
                createTopics(settings);
            }
            final CountDownLatch stopped = new CountDownLatch(1);
            final boolean[] failed = {false};
            // local state a killed process left unopenable is deleted first, and restored from the changelogs
            final KafkaStreams streams = StreamsStarter.start(settings, () -> {
                final KafkaStreams client = new KafkaStreams(RecoTopology.build(settings), RecoTopology.config(settings));
                client.setStateListener((now, before) -> {
                    LOG.info("Kafka Streams {} -> {}", before, now);
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        failed[0] |= now == KafkaStreams.State.ERROR;
                        stopped.countDown();
                    }
                });
                client.setUncaughtExceptionHandler(e -> {
                    final var refusal = KafkaRefusal.of(e);
                    if (refusal.isPresent()) {
                        LOG.error(refusal.get().getMessage());
                        failed[0] = true;
                        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                    }
                    LOG.error("A stream thread failed; shutting this instance down", e);
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                return client;
            });
            // one line a minute for dropped records instead of Kafka's line per record (see the log4j2 file)
            final DroppedRecords dropped = DroppedRecords.report(streams, DroppedRecords.PERIOD);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("Stopping (signal received)");
                dropped.close();
                // a deliberate stop: leave the group so the other instances take over at once
                streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(CLOSE_TIMEOUT));
                stopped.countDown();
            }, "streams-runner-shutdown"));
            stopped.await();
            if (failed[0]) {
                streams.close(CLOSE_TIMEOUT);
                return 1;
            }
            return 0;
        }

        private static Properties adminProps(final StreamsSettings settings) {
            final Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            KafkaClientSettings.addTo(props);
            return props;
        }

        private static void createTopics(final StreamsSettings settings) {
            try (Admin admin = Admin.create(adminProps(settings))) {
                final var created = StreamsTopics.ensureAll(admin, TopicSettings.fromEnvironment(), Duration.ofSeconds(60));
                if (!created.isEmpty()) {
                    LOG.info("Created topics {}", created);
                }
            } catch (final RuntimeException e) {
                throw KafkaRefusal.of(e).map(RuntimeException.class::cast).orElse(e);
            }
        }
    }
}
