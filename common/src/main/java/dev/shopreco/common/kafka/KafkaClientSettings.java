package dev.shopreco.common.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings every Kafka client of the project takes from its environment: the way SASL and TLS (or
 * any other client setting the code does not choose itself) reach the producer, the replay's
 * consumers and admin, the API's served-log producer and admin, and Kafka Streams.
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
 */
public final class KafkaClientSettings {

    public static final String FILE_VARIABLE = "KAFKA_CLIENT_CONFIG_FILE";
    public static final String PREFIX = "KAFKA_CLIENT_";

    private KafkaClientSettings() {
    }

    /** The settings named by this process's environment. */
    public static Map<String, String> fromEnvironment() {
        return from(System.getenv());
    }

    /** The settings named by {@code env} (the file first, then single variables over it). */
    public static Map<String, String> from(final Map<String, String> env) {
        final Map<String, String> settings = new TreeMap<>();
        final String file = env.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            final Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file.trim()), StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (final IOException e) {
                throw new UncheckedIOException(FILE_VARIABLE + " names a file that cannot be read: " + file, e);
            }
            props.stringPropertyNames().forEach(name -> settings.put(name, props.getProperty(name).trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !name.equals(FILE_VARIABLE) && name.length() > PREFIX.length()) {
                settings.put(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return settings;
    }

    /** Adds this process's settings to {@code props} where the code has not set a value; returns {@code props}. */
    public static Properties addTo(final Properties props) {
        return addTo(props, fromEnvironment());
    }

    /** Adds {@code settings} to {@code props} where {@code props} has no value yet; returns {@code props}. */
    public static Properties addTo(final Properties props, final Map<String, String> settings) {
        settings.forEach(props::putIfAbsent);
        return props;
    }
}
