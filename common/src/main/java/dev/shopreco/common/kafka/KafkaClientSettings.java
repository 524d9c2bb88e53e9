package dev.shopreco.common.kafka;

import dev.shopreco.common.config.Setting;
import dev.shopreco.common.config.Variables;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings every Kafka client of the project takes from its configuration: the way SASL and TLS (or
 * any other client setting the code does not choose itself) reach the producer, the replay's
 * consumers and admin, the API's served-log producer and admin, Kafka Streams and the evaluator.
 * Built once per process from its settings and passed to whatever opens a client.
 *
 * <ul>
 *   <li>{@code KAFKA_CLIENT_CONFIG_FILE}: a Java properties file, e.g. {@code security.protocol=SASL_SSL},
 *       {@code sasl.mechanism=SCRAM-SHA-512}, {@code sasl.jaas.config=...},
 *       {@code ssl.truststore.location=...}. Keep it outside the repository: it holds secrets.</li>
 *   <li>{@code KAFKA_CLIENT_<SETTING>}: one setting, the rest of the name lower-cased with dots for
 *       underscores ({@code KAFKA_CLIENT_SECURITY_PROTOCOL=SSL} sets {@code security.protocol});
 *       these win over the file.</li>
 * </ul>
 *
 * <p>A setting the code chooses itself (bootstrap servers, idempotence, acks, serializers, ...) keeps
 * the code's value: these pass through what the code leaves open.
 *
 * @param values  client setting -> value
 * @param origins client setting -> where it was set, for messages that must never show values
 * @param file    the file named by {@code KAFKA_CLIENT_CONFIG_FILE}, or null
 */
public record KafkaClientSettings(Map<String, String> values, Map<String, String> origins, String file) {

    public static final String FILE_VARIABLE = "KAFKA_CLIENT_CONFIG_FILE";
    public static final String PREFIX = "KAFKA_CLIENT_";

    /** Its settings, listed once ({@code --help}). */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(FILE_VARIABLE, "", "a properties file of Kafka client settings (SASL, TLS) for every client;"
                    + " keep it out of the repository"),
            new Setting(PREFIX + "<SETTING>", "", "one Kafka client setting, e.g. KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL"
                    + " sets security.protocol; wins over the file, never over what the code sets"));

    /** No client setting: the plain connections of tests and local brokers. */
    public static final KafkaClientSettings NONE = new KafkaClientSettings(Map.of(), Map.of(), null);

    public KafkaClientSettings {
        values = Map.copyOf(values);
        origins = Map.copyOf(origins);
    }

    /** The settings named by {@code env} (the file first, then single variables over it). */
    public static KafkaClientSettings from(final Map<String, String> env) {
        return from(Variables.of(env));
    }

    /**
     * The settings named by {@code variables} (the file first, then single variables over it).
     *
     * @throws UncheckedIOException naming {@code KAFKA_CLIENT_CONFIG_FILE} if its file cannot be read
     */
    public static KafkaClientSettings from(final Variables variables) {
        final Map<String, String> values = new TreeMap<>();
        final Map<String, String> origins = new TreeMap<>();
        final String file = variables.text(FILE_VARIABLE);
        if (file != null) {
            final Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (final IOException e) {
                throw new UncheckedIOException(FILE_VARIABLE + " names a file that cannot be read: " + file, e);
            }
            props.stringPropertyNames().forEach(name -> {
                values.put(name, props.getProperty(name).trim());
                origins.put(name, "set in " + FILE_VARIABLE + "=" + file);
            });
        }
        variables.named(PREFIX).forEach((name, value) -> {
            if (!name.equals(FILE_VARIABLE)) {
                final String setting = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                values.put(setting, value);
                origins.put(setting, "set by " + name);
            }
        });
        return new KafkaClientSettings(values, origins, file);
    }

    /** Adds these settings to {@code props} where {@code props} has no value yet; returns {@code props}. */
    public Properties addTo(final Properties props) {
        values.forEach(props::putIfAbsent);
        return props;
    }

    /** Where {@code setting} comes from, in words: its variable, the file, or neither. */
    public String originOf(final String setting) {
        final String origin = origins.get(setting);
        if (origin != null) {
            return origin;
        }
        final String variable = PREFIX + setting.toUpperCase(Locale.ROOT).replace('.', '_');
        return "not set: " + (file == null ? FILE_VARIABLE : FILE_VARIABLE + "=" + file + " has no " + setting)
                + " or " + variable;
    }
}
