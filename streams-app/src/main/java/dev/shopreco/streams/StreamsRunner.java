package dev.shopreco.streams;

import dev.shopreco.common.config.Setting;
import dev.shopreco.common.config.Variables;
import dev.shopreco.common.kafka.KafkaRefusal;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.streams.state.InputBacklog;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.topology.DroppedRecords;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import dev.shopreco.streams.topology.StreamsStarter;
import dev.shopreco.streams.topology.StreamsTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Runs the topology headless against any brokers, configured by environment variables
 * ({@link #SETTINGS}; {@code --help} lists them), creating missing topics first unless
 * {@code STREAMS_CREATE_TOPICS=false}. Logs every state change; SIGTERM or Ctrl-C closes it cleanly
 * (offsets committed, stores flushed). Exits 1 if the instance fails, 2 on a bad argument or setting.
 */
public final class StreamsRunner {

    /** The runner's own setting. */
    public static final String CREATE_TOPICS = "STREAMS_CREATE_TOPICS";

    /** Every setting the runner reads: the topology's, the topics', and its own. */
    public static final List<Setting> SETTINGS = settings();

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private StreamsRunner() {
    }

    private static List<Setting> settings() {
        final List<Setting> all = new ArrayList<>(StreamsSettings.SETTINGS);
        all.addAll(TopicSettings.SETTINGS);
        all.add(new Setting(CREATE_TOPICS, "true", "create missing topics (the system's and the topology's) first"));
        return List.copyOf(all);
    }

    /** What {@code --help} prints. */
    static String help() {
        return "Usage: java -jar streams-runner.jar [--help]\n\n"
                + "Runs the recommendation topology headless. Settings are environment variables (durations as\n"
                + "PT30M or 30m); Kafka client settings (SASL, TLS) come from KAFKA_CLIENT_CONFIG_FILE or\n"
                + "KAFKA_CLIENT_<SETTING> variables.\n\n" + Setting.table(SETTINGS);
    }

    public static void main(final String[] args) throws InterruptedException {
        if (args.length > 0) {
            if (List.of("--help", "-h").contains(args[0]) && args.length == 1) {
                System.out.print(help());
                return;
            }
            System.err.println("Unknown argument " + String.join(" ", args) + "; --help lists the settings");
            System.exit(2);
        }
        final Variables environment = Variables.ofEnvironment();
        final StreamsSettings settings;
        final TopicSettings topics;
        final boolean createTopics;
        try {
            settings = StreamsSettings.from(environment);
            topics = TopicSettings.from(environment);
            createTopics = environment.withDefaults(SETTINGS).flag(CREATE_TOPICS);
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (System.getProperty("log4j2.configurationFile") == null) {
            // the jar's own logging setup, under a name that cannot shadow an application's log4j2.xml
            System.setProperty("log4j2.configurationFile", "streams-runner-log4j2.xml");
        }
        try {
            System.exit(Holder.run(settings, topics, createTopics));
        } catch (final KafkaRefusal refusal) {
            // the user's to fix: one clear message, no stack trace
            Holder.LOG.error(refusal.getMessage());
            System.exit(3);
        }
    }

    /** Holds the logger, so that it is created after the logging setup is chosen. */
    private static final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

        static int run(final StreamsSettings settings, final TopicSettings topics, final boolean createTopics)
                throws InterruptedException {
            LOG.info("Starting {} against {} (state dir {}, guarantee {})", settings.applicationId(),
                    settings.bootstrapServers(), settings.stateDir() == null ? "default" : settings.stateDir(),
                    settings.processingGuarantee());
            // wrong credentials stop the start here, instead of every stream thread failing on them
            KafkaRefusal.check(adminProps(settings), Duration.ofSeconds(30), settings.client());
            if (createTopics) {
                createTopics(settings, topics);
            }
            final CountDownLatch stopped = new CountDownLatch(1);
            final boolean[] failed = {false};
            final InputBacklog backlog = new InputBacklog();
            // local state a killed process left unopenable is deleted first, and restored from the changelogs
            final KafkaStreams streams = StreamsStarter.start(settings, () -> {
                final KafkaStreams client = new KafkaStreams(RecoTopology.build(settings, new StateVersions(), backlog),
                        RecoTopology.config(settings));
                client.setStateListener((now, before) -> {
                    LOG.info("Kafka Streams {} -> {}", before, now);
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        failed[0] |= now == KafkaStreams.State.ERROR;
                        stopped.countDown();
                    }
                });
                client.setUncaughtExceptionHandler(e -> {
                    final var refusal = KafkaRefusal.of(e, settings.client());
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
            // what waits in each task's input: the item-Gram flush follows changes, not the clock, during a backlog
            final InputBacklog.Watch backlogWatch = backlog.watch(streams, InputBacklog.PERIOD);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("Stopping (signal received)");
                dropped.close();
                backlogWatch.close();
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
            settings.client().addTo(props);
            return props;
        }

        private static void createTopics(final StreamsSettings settings, final TopicSettings topics) {
            try (Admin admin = Admin.create(adminProps(settings))) {
                final var created = StreamsTopics.ensureAll(admin, topics, Duration.ofSeconds(60));
                if (!created.isEmpty()) {
                    LOG.info("Created topics {}", created);
                }
            } catch (final RuntimeException e) {
                throw KafkaRefusal.of(e, settings.client()).map(RuntimeException.class::cast).orElse(e);
            }
        }
    }
}
