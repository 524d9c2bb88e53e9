package dev.shopreco.api.deploy;

import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.common.validation.SessionEventParser;
import dev.shopreco.streams.experiment.ExperimentSettings;
import dev.shopreco.streams.topology.StreamsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the API reads, found by asking the code: the settings classes read a
 * map that records every name they look up, and {@code application.yml}'s placeholders are the
 * rest. Families of names ({@code STREAMS_KAFKA_*}, {@code KAFKA_CLIENT_*},
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
        StreamsSettings.from(asked);
        TopicSettings.from(asked);
        KafkaClientSettings.from(asked);
        ExperimentSettings.from(asked);
        asked.names.add(SessionEventParser.MAX_AHEAD_VARIABLE);
        try (InputStream in = ApiVariables.class.getResourceAsStream("/application.yml")) {
            final Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (placeholder.find()) {
                asked.names.add(placeholder.group(1));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
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
