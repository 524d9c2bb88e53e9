package dev.shopreco.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Kafka refused this client: wrong SASL credentials, a TLS handshake that failed, or a missing
 * permission. Trying again cannot help, so every component stops on it at once, with a message that
 * names the client settings involved and where they come from ({@code KAFKA_CLIENT_CONFIG_FILE} or a
 * {@code KAFKA_CLIENT_*} variable), never their values.
 */
public final class KafkaRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private KafkaRefusal(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code error} or one of its causes is Kafka refusing this client. */
    public static boolean isRefusal(final Throwable error) {
        return refusalIn(error) != null;
    }

    /**
     * The refusal in {@code error}'s causes, explained with where the client's settings came from
     * ({@code client}); empty if there is none.
     */
    public static Optional<KafkaRefusal> of(final Throwable error, final KafkaClientSettings client) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof KafkaRefusal refusal) {
                return Optional.of(refusal);
            }
        }
        final Throwable cause = refusalIn(error);
        return cause == null ? Optional.empty() : Optional.of(new KafkaRefusal(explain(cause, client), cause));
    }

    /**
     * Asks the cluster for its id once with {@code adminProps}: throws a {@code KafkaRefusal} if Kafka
     * refuses this client; returns otherwise, also when Kafka cannot be reached within
     * {@code timeout} (a broker that is away may come back; the caller retries as it does).
     */
    public static void check(final Properties adminProps, final Duration timeout, final KafkaClientSettings client) {
        final Properties props = new Properties();
        props.putAll(adminProps);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            final Optional<KafkaRefusal> refusal = of(e, client);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        } catch (final TimeoutException e) {
            // unreachable for now, not refused
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            final Optional<KafkaRefusal> refusal = of(e, client);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            throw e;
        }
    }

    private static Throwable refusalIn(final Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
                return e;
            }
        }
        return null;
    }

    static String explain(final Throwable cause, final KafkaClientSettings client) {
        final List<String> settings;
        final String what;
        if (cause instanceof SaslAuthenticationException) {
            what = "refused this client's SASL credentials";
            settings = List.of("sasl.jaas.config", "sasl.mechanism");
        } else if (cause instanceof SslAuthenticationException) {
            what = "and this client could not agree on TLS (the broker's certificate is not trusted, or the client's is refused)";
            settings = List.of("ssl.truststore.location", "ssl.truststore.password", "ssl.keystore.location",
                    "security.protocol");
        } else if (cause instanceof AuthenticationException) {
            what = "refused to authenticate this client";
            settings = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        } else {
            what = "refused an operation to this client's user (no permission)";
            settings = List.of("sasl.jaas.config");
        }
        final List<String> sources = new ArrayList<>();
        for (final String setting : settings) {
            sources.add(setting + " (" + client.originOf(setting) + ")");
        }
        return "Kafka " + what + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + ". Retrying cannot help; check " + String.join("; ", sources) + ".";
    }
}
