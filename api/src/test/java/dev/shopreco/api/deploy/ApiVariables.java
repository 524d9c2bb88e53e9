package dev.shopreco.api.deploy;

import dev.shopreco.api.config.ConfigFile;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.streams.topology.StreamsSettings;
import java.util.AbstractMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variables the API reads, found by asking the code: {@code application.yml}'s
 * placeholders ({@link ConfigFile}), and the names the Kafka client settings look up. Families of names ({@code STREAMS_KAFKA_*}, {@code KAFKA_CLIENT_*},
 * {@code SHOP_TOPIC_PARTITIONS_<TOPIC>}) are recognised by the prefixes those classes declare.
 */
public final class ApiVariables {

    private static final Set<String> NAMES = read();
    private static final List<String> PREFIXES = List.of(StreamsSettings.KAFKA_PREFIX, KafkaClientSettings.PREFIX,
            TopicSettings.PARTITIONS + "_");

    private ApiVariables() {
    }

    /** Whether the API reads the variable {@code name}. */
    public static boolean isRead(final String name) {
        return NAMES.contains(name) || PREFIXES.stream().anyMatch(p -> name.startsWith(p) && name.length() > p.length());
    }

    /** The single names read (families not included). */
    public static Set<String> names() {
        return NAMES;
    }

    private static Set<String> read() {
        final Recorder asked = new Recorder();
        KafkaClientSettings.from(asked);
        ConfigFile.load().rows().forEach(row -> asked.names.add(row.variable()));
        return Set.copyOf(asked.names);
    }

    /** A map without entries that notes every key it is asked for. */
    private static final class Recorder extends AbstractMap<String, String> {
        private final Set<String> names = new TreeSet<>();

        @Override
        public String get(final Object key) {
            names.add((String) key);
            return null;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return Set.of();
        }
    }
}
