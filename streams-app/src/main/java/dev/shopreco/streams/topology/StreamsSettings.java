package dev.shopreco.streams.topology;

import dev.shopreco.streams.clean.Weights;
import dev.shopreco.streams.collaborative.GramSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting of the topology, read from environment variables (each has a default):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>127.0.0.1:9092</td><td>brokers</td></tr>
 *   <tr><td>STREAMS_APPLICATION_ID</td><td>shop-reco</td><td>consumer group, prefix of internal topics</td></tr>
 *   <tr><td>STREAMS_STATE_DIR</td><td>Kafka's default (tmp/kafka-streams)</td><td>where RocksDB stores live</td></tr>
 *   <tr><td>STREAMS_APPLICATION_SERVER</td><td>none</td><td>host:port other instances use for interactive queries</td></tr>
 *   <tr><td>STREAMS_THREADS</td><td>1</td><td>stream threads</td></tr>
 *   <tr><td>STREAMS_PROCESSING_GUARANTEE</td><td>exactly_once_v2</td><td>or at_least_once (benchmarks only)</td></tr>
 *   <tr><td>STREAMS_COMMIT_INTERVAL</td><td>Kafka's default (100 ms with EOS)</td><td>ISO-8601 duration</td></tr>
 *   <tr><td>STREAMS_CACHE_MAX_BYTES</td><td>16 MiB</td><td>record cache that folds repeated updates</td></tr>
 *   <tr><td>STREAMS_ROCKSDB_MEMORY_BYTES</td><td>64 MiB</td><td>one bound on all RocksDB block cache and memtables</td></tr>
 *   <tr><td>STREAMS_STANDBY_REPLICAS</td><td>0</td><td>warm copies of each store on other instances</td></tr>
 *   <tr><td>SESSION_GAP</td><td>PT30M</td><td>idle time (event time) after which a session's unresolved events are refused</td></tr>
 *   <tr><td>SESSION_SWEEP_INTERVAL</td><td>PT1M</td><td>event-time period (of the task's watermark) of the sweep that frees idle sessions</td></tr>
 *   <tr><td>WEIGHT_VIEW_PRODUCT</td><td>1.0</td><td>strength of a view</td></tr>
 *   <tr><td>WEIGHT_BUY_PRODUCT</td><td>2.0</td><td>strength of a purchase</td></tr>
 *   <tr><td>POPULARITY_TOP_K</td><td>100</td><td>length of the served popularity list (keep above the largest N asked)</td></tr>
 *   <tr><td>POPULARITY_FLUSH_INTERVAL</td><td>PT0.1S</td><td>wall-clock period at which summed s(u,p) changes go to product-popularity</td></tr>
 *   <tr><td>ITEM_GRAM_FLUSH_INTERVAL</td><td>PT5S</td><td>wall-clock period at which the changed users' contributions go to the item Gram rows (ITEM_EASE's input)</td></tr>
 *   <tr><td>ITEM_GRAM_USER_WINDOW</td><td>200</td><td>the products a user touched last that take part in co-occurrence</td></tr>
 *   <tr><td>ITEM_EASE_MAX_PRODUCTS</td><td>2000</td><td>products with item Gram cells: those with the most users (what ITEM_EASE may fit)</td></tr>
 *   <tr><td>ITEM_GRAM_KEPT_INTERVAL</td><td>PT1M</td><td>wall-clock period at which a task brings its users' contributions in line with a changed set of kept products</td></tr>
 *   <tr><td>CONTENT_REFRESH</td><td>PT1S</td><td>how stale the serving side's TF-IDF index may get after a catalog change</td></tr>
 *   <tr><td>STREAMS_KAFKA_*</td><td>none</td><td>any other Kafka Streams / client setting, the rest of the name
 *       lower-cased with dots for underscores: {@code STREAMS_KAFKA_PRODUCER_LINGER_MS=20} sets
 *       {@code producer.linger.ms}; applied last, so it overrides the values above</td></tr>
 * </table>
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
 * @param popularityFlushInterval wall-clock period of the popularity delta flush
 * @param itemGramFlushInterval wall-clock period of the item-Gram flush
 * @param gram                what the item Gram matrices cover (window per user, kept products)
 * @param itemGramKeptInterval wall-clock period at which a changed kept set is applied
 * @param contentRefresh      maximum age of the cached content index when serving
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
        Duration itemGramFlushInterval,
        GramSettings gram,
        Duration itemGramKeptInterval,
        Duration contentRefresh,
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
        if (itemGramFlushInterval.isNegative() || itemGramFlushInterval.isZero()) {
            throw new IllegalArgumentException("ITEM_GRAM_FLUSH_INTERVAL must be > 0");
        }
        if (itemGramKeptInterval.isNegative()) {
            throw new IllegalArgumentException("ITEM_GRAM_KEPT_INTERVAL must be >= 0");
        }
        if (popularityTopK < 1 || threads < 1) {
            throw new IllegalArgumentException("POPULARITY_TOP_K and STREAMS_THREADS must be at least 1");
        }
        overrides = Map.copyOf(overrides);
    }

    /** The settings of the process environment. */
    public static StreamsSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** The settings from a map of variables (missing ones take their default). */
    public static StreamsSettings from(final Map<String, String> env) {
        final Reader r = new Reader(env);
        return new StreamsSettings(
                r.text("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                r.text("STREAMS_APPLICATION_ID", "shop-reco"),
                r.text("STREAMS_STATE_DIR", null) == null ? null : Path.of(r.text("STREAMS_STATE_DIR", null)),
                r.text("STREAMS_APPLICATION_SERVER", null),
                (int) r.number("STREAMS_THREADS", 1),
                r.text("STREAMS_PROCESSING_GUARANTEE", "exactly_once_v2"),
                r.duration("STREAMS_COMMIT_INTERVAL", null),
                r.number("STREAMS_CACHE_MAX_BYTES", 16L << 20),
                r.number("STREAMS_ROCKSDB_MEMORY_BYTES", 64L << 20),
                (int) r.number("STREAMS_STANDBY_REPLICAS", 0),
                r.duration("SESSION_GAP", Duration.ofMinutes(30)),
                r.duration("SESSION_SWEEP_INTERVAL", Duration.ofMinutes(1)),
                new Weights(r.decimal("WEIGHT_VIEW_PRODUCT", 1.0), r.decimal("WEIGHT_BUY_PRODUCT", 2.0)),
                (int) r.number("POPULARITY_TOP_K", 100),
                r.duration("POPULARITY_FLUSH_INTERVAL", Duration.ofMillis(100)),
                r.duration("ITEM_GRAM_FLUSH_INTERVAL", Duration.ofSeconds(5)),
                new GramSettings((int) r.number("ITEM_GRAM_USER_WINDOW", GramSettings.DEFAULT.userWindow()),
                        (int) r.number("ITEM_EASE_MAX_PRODUCTS", GramSettings.DEFAULT.keptProducts())),
                r.duration("ITEM_GRAM_KEPT_INTERVAL", Duration.ofMinutes(1)),
                r.duration("CONTENT_REFRESH", Duration.ofSeconds(1)),
                kafkaOverrides(env));
    }

    private static Map<String, String> kafkaOverrides(final Map<String, String> env) {
        final Map<String, String> overrides = new TreeMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
                overrides.put(key.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return overrides;
    }

    /** The defaults (no variable set). */
    public static StreamsSettings defaults() {
        return from(Map.of());
    }

    /** These settings on other brokers, under another application id and state dir (tests, benchmarks). */
    public StreamsSettings on(final String servers, final String appId, final Path dir) {
        return new StreamsSettings(servers, appId, dir, applicationServer, threads, processingGuarantee,
                commitInterval, cacheMaxBytes, rocksDbMemoryBytes, standbyReplicas, sessionGap, sessionSweepInterval,
                weights, popularityTopK, popularityFlushInterval, itemGramFlushInterval, gram, itemGramKeptInterval,
                contentRefresh, overrides);
    }

    /** Reads typed values, naming the variable in every error. */
    private record Reader(Map<String, String> env) {

        String text(final String key, final String fallback) {
            final String value = env.get(key);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        long number(final String key, final long fallback) {
            final String value = text(key, null);
            try {
                return value == null ? fallback : Long.parseLong(value);
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'", e);
            }
        }

        double decimal(final String key, final double fallback) {
            final String value = text(key, null);
            try {
                return value == null ? fallback : Double.parseDouble(value);
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
            }
        }

        Duration duration(final String key, final Duration fallback) {
            final String value = text(key, null);
            try {
                return value == null ? fallback : Duration.parse(value);
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT30M, got '"
                        + value + "'", e);
            }
        }
    }
}
