package dev.shopreco.producer.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.config.Variables;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.kafka.Topics;
import dev.shopreco.producer.simulate.ClientSimulator;
import dev.shopreco.producer.simulate.Readout;
import dev.shopreco.producer.simulate.SimulationOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code producer.jar replay}: sends a data folder into Kafka. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Replays a data folder into Kafka: products.jsonl and users.jsonl to their compacted topics (keyed by id),",
            "then sessions.jsonl (or .jsonl.gz) to shop.sessions keyed by session_id, in timestamp order.",
            "Every line is validated; refused lines go to shop.sessions.rejected with the reason, file and line,",
            "and the replay goes on. acks=all; a failed send resumes from what Kafka holds (each line once). A summary is printed at the end."})
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
            description = "Data folder with products.jsonl, users.jsonl, sessions.jsonl (each may be .jsonl.gz). Default: ${DEFAULT-VALUE}.")
    private Path data;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    private String bootstrapServers;

    @Option(names = "--speed", defaultValue = "0", paramLabel = "X",
            description = "Replay at X times real time (event-time gaps divided by X); 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    private double speed;

    @Option(names = "--from", paramLabel = "TIME", description = "Send only session events at or after TIME (ISO, e.g. 2020-06-01T00:00:00).")
    private LocalDateTime from;

    @Option(names = "--to", paramLabel = "TIME", description = "Send only session events before TIME (ISO).")
    private LocalDateTime to;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Stop after sending N session events; 0 = all. Default: ${DEFAULT-VALUE}.")
    private long limit;

    @Option(names = "--no-resume",
            description = {"Send every line again. By default a replay skips the lines an earlier replay of the same",
                "files already delivered, read back from Kafka (each line once across runs and crashes)."})
    private boolean noResume;

    @Option(names = "--no-create-topics",
            description = "Do not create missing topics first (by default they are, sized by SHOP_TOPIC_PARTITIONS and SHOP_TOPIC_REPLICATION_FACTOR).")
    private boolean noCreateTopics;

    @Option(names = "--delivery-timeout", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "How long to keep trying while Kafka acknowledges nothing (broker unavailable) before stopping Default: ${DEFAULT-VALUE}.")
    private Duration deliveryTimeout;

    @Option(names = "--event-time-max-ahead", defaultValue = "${env:EVENT_TIME_MAX_AHEAD:-P1D}", paramLabel = "DURATION",
            description = "Refuse session events dated more than this ahead of the wall clock (env EVENT_TIME_MAX_AHEAD,"
                    + " as in the topology). Default: ${DEFAULT-VALUE}.")
    private Duration eventTimeMaxAhead;

    @Option(names = "--max-sort-events", defaultValue = "5000000", paramLabel = "N",
            description = "A sessions file not in timestamp order is sorted in memory if it has at most N lines. Default: ${DEFAULT-VALUE}.")
    private int maxSortEvents;

    @Option(names = "--no-progress",
            description = "Show no progress (by default: a bar on a terminal, a log line every 5 s otherwise).")
    private boolean noProgress;

    @Mixin
    private SimulationOptions simulation = new SimulationOptions();

    private final Variables environment;

    /** A command reading this process's environment (tests). */
    public ReplayCommand() {
        this(Variables.ofEnvironment());
    }

    /** A command with the settings {@code environment} names ({@code SHOP_TOPIC_*}, {@code KAFKA_CLIENT_*}). */
    public ReplayCommand(final Variables environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        final KafkaClientSettings client = KafkaClientSettings.from(environment);
        if (!noCreateTopics) {
            final Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
            client.addTo(props);
            try (Admin admin = Admin.create(props)) {
                final List<String> created = Topics.ensure(admin, Topics.all(TopicSettings.from(environment)),
                        Duration.ofSeconds(60));
                if (!created.isEmpty()) {
                    System.out.println("Created topics " + created);
                }
            }
        }
        System.out.printf("Replaying %s into %s%s...%n", data.toAbsolutePath(), bootstrapServers,
                speed > 0 ? " at " + speed + "x real time" : "");
        final ClientSimulator clients = simulation.enabled() ? new ClientSimulator(simulation.api(), data,
                simulation.clickModel(), simulation.seed(), simulation.listLength(), simulation.maxLag(),
                simulation.maxWait()) : null;
        if (clients != null) {
            System.out.println("Simulating clients of " + simulation.api() + " (resume off: added events carry no "
                    + "file position)");
        }
        final ReplaySummary summary = new Replayer(new ReplayOptions(data, bootstrapServers, speed, from, to, limit,
                !noResume && clients == null, deliveryTimeout, maxSortEvents, !noProgress, eventTimeMaxAhead, client), clients)
                .run();
        System.out.print(summary.report());
        if (clients != null) {
            System.out.print(clients.summary().report());
            System.out.printf("Waiting for %s/experiments/%s to count %,d lists...%n", simulation.api(),
                    simulation.experiment(), clients.summary().lists());
            final JsonNode readout = Readout.await(simulation.api(), simulation.experiment(),
                    clients.summary().lists(), simulation.readoutTimeout());
            if (readout == null) {
                System.out.println("No read-out for experiment " + simulation.experiment());
                return 1;
            }
            System.out.print(Readout.format(readout));
        }
        return 0;
    }
}
