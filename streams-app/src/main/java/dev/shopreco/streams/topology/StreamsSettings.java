package dev.shopreco.streams.topology;

import dev.shopreco.common.config.Setting;
import dev.shopreco.common.config.Variables;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.validation.SessionEventParser;
import dev.shopreco.streams.clean.Weights;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.experiment.ExperimentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the topology, read by name from environment variables or (in the API) from
 * {@code application.yml}; each has a default. {@link #SETTINGS} lists them with their defaults and
 * meaning, which is what {@code streams-runner.jar --help} prints. Durations take the one syntax of
 * {@link dev.shopreco.common.config.Durations} ({@code PT30M} or {@code 30m}).
 *
 * @param bootstrapServers    brokers
 * @param applicationId       Kafka Streams application id
 * @param stateDir            state directory, null for Kafka's default
 * @param applicationServer   this instance's host:port for interactive queries, null if none
 * @param threads             stream threads
 * @param processingGuarantee exactly_once_v2 or at_least_once
 * @param commitInterval      commit interval, null for Kafka's default
 * @param cacheMaxBytes       record cache size
 * @param rocksDbMemoryBytes  bound of RocksDB's off-heap memory, all stores together
 * @param standbyReplicas     standby replicas
 * @param sessionGap          session idle gap
 * @param sessionSweepInterval event-time (watermark) period of the idle-session sweep
 * @param weights             event strengths
 * @param popularityTopK      K of the top-K popularity list
 * @param popularityFlushInterval wall-clock period of the popularity delta flush on live input
 * @param popularityBacklogFlushInterval wall-clock period of the popularity delta flush while at least
 *                            {@code flushBacklog} records wait in the task's input
 * @param itemGramFlushInterval wall-clock period of the item-Gram flush
 * @param itemGramMaxPending  (user, product) changes a task keeps before it flushes the item Gram early
 * @param flushBacklog        records waiting in a task's input from which its flushes pace themselves by the
 *                            work waiting: the item Gram on {@code itemGramMaxPending} changes instead of the
 *                            clock, popularity every {@code popularityBacklogFlushInterval}, a changed kept set
 *                            not at all until the backlog is worked off (0: always the live pace)
 * @param gram                what the collaborative state covers (window per user, kept products, users per product)
 * @param itemGramKeptInterval wall-clock period at which a changed kept set is applied
 * @param contentRefresh      maximum age of the cached content index when serving
 * @param experiment          the A/B attribution's window and grace
 * @param eventTimeMaxAhead   how far ahead of the wall clock an event may be dated (the cleaning step's bound)
 * @param client              the Kafka client settings (SASL, TLS) of every client of the topology
 * @param overrides           raw Kafka settings from {@code STREAMS_KAFKA_*} variables
 */
public record StreamsSettings(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        String applicationServer,
        int threads,
        String processingGuarantee,
        Duration commitInterval,
        long cacheMaxBytes,
        long rocksDbMemoryBytes,
        int standbyReplicas,
        Duration sessionGap,
        Duration sessionSweepInterval,
        Weights weights,
        int popularityTopK,
        Duration popularityFlushInterval,
        Duration popularityBacklogFlushInterval,
        Duration itemGramFlushInterval,
        int itemGramMaxPending,
        long flushBacklog,
        GramSettings gram,
        Duration itemGramKeptInterval,
        Duration contentRefresh,
        ExperimentSettings experiment,
        Duration eventTimeMaxAhead,
        KafkaClientSettings client,
        Map<String, String> overrides) {

    /** Prefix of the variables passed to Kafka as they are. */
    public static final String KAFKA_PREFIX = "STREAMS_KAFKA_";

    public StreamsSettings {
        if (sessionGap.isNegative() || sessionSweepInterval.isNegative() || sessionSweepInterval.isZero()) {
            throw new IllegalArgumentException("SESSION_GAP must be >= 0 and SESSION_SWEEP_INTERVAL > 0");
        }
        if (popularityFlushInterval.isNegative() || popularityFlushInterval.isZero()) {
            throw new IllegalArgumentException("POPULARITY_FLUSH_INTERVAL must be > 0");
        }
        if (popularityBacklogFlushInterval.compareTo(popularityFlushInterval) < 0) {
            throw new IllegalArgumentException(
                    "POPULARITY_BACKLOG_FLUSH_INTERVAL must be at least POPULARITY_FLUSH_INTERVAL");
        }
        if (itemGramFlushInterval.isNegative() || itemGramFlushInterval.isZero()) {
            throw new IllegalArgumentException("ITEM_GRAM_FLUSH_INTERVAL must be > 0");
        }
        if (itemGramMaxPending < 1) {
            throw new IllegalArgumentException("ITEM_GRAM_MAX_PENDING must be at least 1");
        }
        if (flushBacklog < 0) {
            throw new IllegalArgumentException("FLUSH_BACKLOG must be >= 0");
        }
        if (itemGramKeptInterval.isNegative()) {
            throw new IllegalArgumentException("ITEM_GRAM_KEPT_INTERVAL must be >= 0");
        }
        if (eventTimeMaxAhead.isNegative()) {
            throw new IllegalArgumentException(SessionEventParser.MAX_AHEAD_VARIABLE + " must be >= 0");
        }
        if (popularityTopK < 1 || threads < 1) {
            throw new IllegalArgumentException("POPULARITY_TOP_K and STREAMS_THREADS must be at least 1");
        }
        overrides = Map.copyOf(overrides);
    }

    /** The settings that say which instance this is: the API sets them itself, per instance. */
    public static final List<Setting> INSTANCE_SETTINGS = List.of(
            new Setting("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", "brokers"),
            new Setting("STREAMS_APPLICATION_ID", "shop-reco", "consumer group, prefix of internal topics"),
            new Setting("STREAMS_STATE_DIR", "", "where RocksDB stores live (none: Kafka's default, tmp/kafka-streams)"),
            new Setting("STREAMS_APPLICATION_SERVER", "", "host:port other instances use for interactive queries"));

    /** The topology's own settings, listed once: what {@code --help} prints and where the defaults come from. */
    public static final List<Setting> TOPOLOGY_SETTINGS = concat(List.of(
            new Setting("STREAMS_THREADS", "1", "stream threads"),
            new Setting("STREAMS_PROCESSING_GUARANTEE", "exactly_once_v2", "or at_least_once (benchmarks only)"),
            new Setting("STREAMS_COMMIT_INTERVAL", "", "commit interval (none: Kafka's default, 100 ms with exactly-once)"),
            new Setting("STREAMS_CACHE_MAX_BYTES", Long.toString(16L << 20), "record cache that folds repeated updates"),
            new Setting("STREAMS_ROCKSDB_MEMORY_BYTES", Long.toString(256L << 20),
                    "one bound on all RocksDB block cache and memtables"),
            new Setting("STREAMS_STANDBY_REPLICAS", "0", "warm copies of each store on other instances"),
            new Setting("SESSION_GAP", "PT30M", "idle time (event time) after which a session's unresolved events are refused"),
            new Setting("SESSION_SWEEP_INTERVAL", "PT1M",
                    "event-time period (of the task's watermark) of the sweep that frees idle sessions"),
            new Setting(SessionEventParser.MAX_AHEAD_VARIABLE, SessionEventParser.DEFAULT_MAX_AHEAD.toString(),
                    "how far ahead of the wall clock an event may be dated; later ones are refused"),
            new Setting("WEIGHT_VIEW_PRODUCT", "1.0", "strength of a view"),
            new Setting("WEIGHT_BUY_PRODUCT", "2.0", "strength of a purchase"),
            new Setting("POPULARITY_TOP_K", "100", "length of the served popularity list (keep above the largest N asked)"),
            new Setting("POPULARITY_FLUSH_INTERVAL", "PT0.1S",
                    "wall-clock period at which summed s(u,p) changes go to product-popularity"),
            new Setting("POPULARITY_BACKLOG_FLUSH_INTERVAL", "PT1M",
                    "the same period while FLUSH_BACKLOG or more records wait in the task's input"),
            new Setting("ITEM_GRAM_FLUSH_INTERVAL", "PT30S",
                    "wall-clock period at which the changed users' contributions go to the item Gram rows"),
            new Setting("ITEM_GRAM_MAX_PENDING", "100000",
                    "(user, product) changes a task keeps for the next item-Gram flush; reaching it flushes at once"),
            new Setting("FLUSH_BACKLOG", "10000",
                    "records waiting in a task's input from which its flushes pace themselves by the work waiting: "
                            + "the item Gram on ITEM_GRAM_MAX_PENDING changes, popularity every "
                            + "POPULARITY_BACKLOG_FLUSH_INTERVAL, a changed kept set once the backlog is worked off "
                            + "(0: always the live pace)"),
            new Setting("ITEM_GRAM_USER_WINDOW", Integer.toString(GramSettings.DEFAULT.userWindow()),
                    "the products a user touched last that take part in co-occurrence"),
            new Setting("ITEM_EASE_MAX_PRODUCTS", Integer.toString(GramSettings.DEFAULT.keptProducts()),
                    "products with item Gram cells: those with the most users (what ITEM_EASE fits on)"),
            new Setting("USER_KNN_USERS_PER_PRODUCT", Integer.toString(GramSettings.DEFAULT.usersPerProduct()),
                    "users published per kept product (its most recent ones): the rows USER_KNN is fitted on"),
            new Setting("ITEM_GRAM_KEPT_INTERVAL", "PT1M",
                    "wall-clock period at which a task brings its users' contributions in line with a changed kept set"),
            new Setting("CONTENT_REFRESH", "PT1S", "how stale the serving side's TF-IDF index may get after a catalog change"),
            new Setting(KAFKA_PREFIX + "<SETTING>", "", "any other Kafka Streams or client setting, e.g. "
                    + "STREAMS_KAFKA_PRODUCER_LINGER_MS=20 sets producer.linger.ms; wins over the values above")),
            ExperimentSettings.SETTINGS);

    /** Every setting: {@link #INSTANCE_SETTINGS}, {@link #TOPOLOGY_SETTINGS}, then the Kafka clients'. */
    public static final List<Setting> SETTINGS = concat(concat(INSTANCE_SETTINGS, TOPOLOGY_SETTINGS),
            KafkaClientSettings.SETTINGS);

    private static List<Setting> concat(final List<Setting> first, final List<Setting> second) {
        final List<Setting> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /** The settings from a map of variables (missing ones take their default). */
    public static StreamsSettings from(final Map<String, String> env) {
        return from(Variables.of(env));
    }

    /** The settings from {@code variables} (missing ones take their default). */
    public static StreamsSettings from(final Variables variables) {
        final Variables r = variables.withDefaults(SETTINGS);
        final String stateDir = r.text("STREAMS_STATE_DIR");
        return new StreamsSettings(
                r.text("KAFKA_BOOTSTRAP_SERVERS"),
                r.text("STREAMS_APPLICATION_ID"),
                stateDir == null ? null : Path.of(stateDir),
                r.text("STREAMS_APPLICATION_SERVER"),
                r.integer("STREAMS_THREADS"),
                r.text("STREAMS_PROCESSING_GUARANTEE"),
                r.duration("STREAMS_COMMIT_INTERVAL"),
                r.number("STREAMS_CACHE_MAX_BYTES"),
                r.number("STREAMS_ROCKSDB_MEMORY_BYTES"),
                r.integer("STREAMS_STANDBY_REPLICAS"),
                r.requiredDuration("SESSION_GAP"),
                r.requiredDuration("SESSION_SWEEP_INTERVAL"),
                new Weights(r.decimal("WEIGHT_VIEW_PRODUCT"), r.decimal("WEIGHT_BUY_PRODUCT")),
                r.integer("POPULARITY_TOP_K"),
                r.requiredDuration("POPULARITY_FLUSH_INTERVAL"),
                r.requiredDuration("POPULARITY_BACKLOG_FLUSH_INTERVAL"),
                r.requiredDuration("ITEM_GRAM_FLUSH_INTERVAL"),
                r.integer("ITEM_GRAM_MAX_PENDING"),
                r.number("FLUSH_BACKLOG"),
                new GramSettings(r.integer("ITEM_GRAM_USER_WINDOW"), r.integer("ITEM_EASE_MAX_PRODUCTS"),
                        r.integer("USER_KNN_USERS_PER_PRODUCT")),
                r.requiredDuration("ITEM_GRAM_KEPT_INTERVAL"),
                r.requiredDuration("CONTENT_REFRESH"),
                ExperimentSettings.from(variables),
                r.requiredDuration(SessionEventParser.MAX_AHEAD_VARIABLE),
                KafkaClientSettings.from(variables),
                variables.family(KAFKA_PREFIX));
    }

    /** The defaults (no variable set). */
    public static StreamsSettings defaults() {
        return from(Map.of());
    }

    /** These settings on other brokers, under another application id and state dir (tests, benchmarks). */
    public StreamsSettings on(final String servers, final String appId, final Path dir) {
        return new StreamsSettings(servers, appId, dir, applicationServer, threads, processingGuarantee,
                commitInterval, cacheMaxBytes, rocksDbMemoryBytes, standbyReplicas, sessionGap, sessionSweepInterval,
                weights, popularityTopK, popularityFlushInterval, popularityBacklogFlushInterval, itemGramFlushInterval,
                itemGramMaxPending, flushBacklog, gram,
                itemGramKeptInterval, contentRefresh, experiment, eventTimeMaxAhead, client, overrides);
    }

    /** These settings for the instance that other instances reach at {@code server} ({@code host:port}). */
    public StreamsSettings withApplicationServer(final String server) {
        return new StreamsSettings(bootstrapServers, applicationId, stateDir, server, threads, processingGuarantee,
                commitInterval, cacheMaxBytes, rocksDbMemoryBytes, standbyReplicas, sessionGap, sessionSweepInterval,
                weights, popularityTopK, popularityFlushInterval, popularityBacklogFlushInterval, itemGramFlushInterval,
                itemGramMaxPending, flushBacklog, gram,
                itemGramKeptInterval, contentRefresh, experiment, eventTimeMaxAhead, client, overrides);
    }

    /** The parser of the cleaning step, with this bound on event times. */
    public SessionEventParser eventParser() {
        return new SessionEventParser(eventTimeMaxAhead);
    }
}
