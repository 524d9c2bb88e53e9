package dev.shopreco.common.kafka;

import java.util.Locale;
import java.util.Map;

/**
 * Partitions and replication of the system's topics, from configuration.
 *
 * <ul>
 *   <li>{@code SHOP_TOPIC_PARTITIONS}: partitions of every topic (default 3);</li>
 *   <li>{@code SHOP_TOPIC_REPLICATION_FACTOR}: replication factor (default 1, a single local broker);</li>
 *   <li>{@code SHOP_TOPIC_PARTITIONS_<TOPIC>}: partitions of one topic, the name upper-cased with
 *       dots as underscores, e.g. {@code SHOP_TOPIC_PARTITIONS_SHOP_SESSIONS=6}.</li>
 * </ul>
 *
 * @param partitions        default partition count
 * @param replicationFactor replication factor of every topic
 * @param settings          the raw settings, for per-topic overrides
 */
public record TopicSettings(int partitions, short replicationFactor, Map<String, String> settings) {

    public static final String PARTITIONS = "SHOP_TOPIC_PARTITIONS";
    public static final String REPLICATION_FACTOR = "SHOP_TOPIC_REPLICATION_FACTOR";
    public static final int DEFAULT_PARTITIONS = 3;

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException(PARTITIONS + " must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(REPLICATION_FACTOR + " must be at least 1, got " + replicationFactor);
        }
        settings = Map.copyOf(settings);
    }

    /** Settings read from a map of variables (normally {@code System.getenv()}). */
    public static TopicSettings from(final Map<String, String> variables) {
        return new TopicSettings(
                intValue(variables, PARTITIONS, DEFAULT_PARTITIONS),
                (short) intValue(variables, REPLICATION_FACTOR, 1),
                variables);
    }

    /** Settings from the process environment. */
    public static TopicSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** The partition count of {@code topic}: its own override if set, else the default. */
    public int partitionsOf(final String topic) {
        return intValue(settings, overrideKey(topic), partitions);
    }

    static String overrideKey(final String topic) {
        return PARTITIONS + "_" + topic.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static int intValue(final Map<String, String> variables, final String key, final int fallback) {
        final String text = variables.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'", e);
        }
    }
}
