package dev.shopreco.common.kafka;

import dev.shopreco.common.config.Setting;
import dev.shopreco.common.config.Variables;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Partitions and replication of the system's topics, from configuration.
 *
 * <ul>
 *   <li>{@code SHOP_TOPIC_PARTITIONS}: partitions of every topic (default 3);</li>
 *   <li>{@code SHOP_TOPIC_REPLICATION_FACTOR}: replication factor (default: the cluster's
 *       {@code default.replication.factor}, as for Kafka Streams' internal topics);</li>
 *   <li>{@code SHOP_TOPIC_MIN_INSYNC_REPLICAS}: replicas that must have an {@code acks=all} write
 *       (default: the cluster's {@code min.insync.replicas});</li>
 *   <li>{@code SHOP_TOPIC_PARTITIONS_<TOPIC>}: partitions of one topic, the name upper-cased with
 *       dots as underscores, e.g. {@code SHOP_TOPIC_PARTITIONS_SHOP_SESSIONS=6}.</li>
 * </ul>
 *
 * <p>Leaving replication to the cluster keeps the system's topics and Kafka Streams' internal ones
 * alike: a single development broker keeps one replica, a cluster what its operator set (the
 * project's local cluster and docker-compose: 3 replicas, 2 in sync).
 *
 * @param partitions        default partition count
 * @param replicationFactor replication factor of every topic, {@link #BROKER_DEFAULT} for the cluster's
 * @param minInsyncReplicas {@code min.insync.replicas} of every topic, {@link #BROKER_DEFAULT} for the cluster's
 * @param settings          the per-topic partition counts, by variable name
 */
public record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas,
        Map<String, String> settings) {

    public static final String PARTITIONS = "SHOP_TOPIC_PARTITIONS";
    public static final String REPLICATION_FACTOR = "SHOP_TOPIC_REPLICATION_FACTOR";
    public static final String MIN_INSYNC_REPLICAS = "SHOP_TOPIC_MIN_INSYNC_REPLICAS";
    public static final int DEFAULT_PARTITIONS = 3;
    /** A replication setting left to the cluster (Kafka's own convention for "broker default"). */
    public static final short BROKER_DEFAULT = -1;

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException(PARTITIONS + " must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) {
            throw new IllegalArgumentException(REPLICATION_FACTOR + " must be at least 1, got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 && minInsyncReplicas != BROKER_DEFAULT) {
            throw new IllegalArgumentException(MIN_INSYNC_REPLICAS + " must be at least 1, got " + minInsyncReplicas);
        }
        if (replicationFactor != BROKER_DEFAULT && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(MIN_INSYNC_REPLICAS + " (" + minInsyncReplicas + ") above "
                    + REPLICATION_FACTOR + " (" + replicationFactor + "): no write could ever be acknowledged");
        }
        settings = Map.copyOf(settings);
    }

    /** Its settings, listed once: what {@code --help} prints and where the defaults come from. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(PARTITIONS, Integer.toString(DEFAULT_PARTITIONS), "partitions of every topic the project creates"),
            new Setting(PARTITIONS + "_<TOPIC>", "", "partitions of one topic, e.g. SHOP_TOPIC_PARTITIONS_SHOP_SESSIONS=6"),
            new Setting(REPLICATION_FACTOR, "", "replication factor of every topic (none: the cluster's default)"),
            new Setting(MIN_INSYNC_REPLICAS, "", "min.insync.replicas of every topic (none: the cluster's default)"));

    /** Settings read from a map of variables. */
    public static TopicSettings from(final Map<String, String> variables) {
        return from(Variables.of(variables));
    }

    /** Settings read from {@code variables}. */
    public static TopicSettings from(final Variables variables) {
        final Variables v = variables.withDefaults(SETTINGS);
        return new TopicSettings(v.integer(PARTITIONS),
                (short) (v.text(REPLICATION_FACTOR) == null ? BROKER_DEFAULT : v.integer(REPLICATION_FACTOR)),
                v.text(MIN_INSYNC_REPLICAS) == null ? BROKER_DEFAULT : v.integer(MIN_INSYNC_REPLICAS),
                v.named(PARTITIONS + "_"));
    }

    /** The partition count of {@code topic}: its own override if set, else the default. */
    public int partitionsOf(final String topic) {
        return intValue(settings, overrideKey(topic), partitions);
    }

    /**
     * The topic {@code name} with {@code partitions} partitions and {@code configs}, replicated as
     * these settings say ({@code min.insync.replicas} added to the configs when set).
     */
    public NewTopic newTopic(final String name, final int partitions, final Map<String, String> configs) {
        final Map<String, String> all = new HashMap<>(configs);
        if (minInsyncReplicas != BROKER_DEFAULT) {
            all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        }
        return new NewTopic(name, partitions, replicationFactor).configs(all);
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
