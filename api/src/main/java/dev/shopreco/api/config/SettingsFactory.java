package dev.shopreco.api.config;

import dev.shopreco.api.events.EventSettings;
import dev.shopreco.api.experiment.Experiment;
import dev.shopreco.api.health.HealthSettings;
import dev.shopreco.api.reco.RecoSettings;
import dev.shopreco.api.reco.UserKnnServing;
import dev.shopreco.api.served.ServedLogSettings;
import dev.shopreco.api.streams.StreamsHostSettings;
import dev.shopreco.common.config.Variables;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.HybridSettings;
import dev.shopreco.streams.model.HybridWeights;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.model.UserKnnSettings;
import dev.shopreco.streams.topology.StreamsSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every typed settings record of the API, built here and nowhere else: the rest of the API gets
 * them injected. A setting is read by its environment variable's name from the key of
 * {@code application.yml} whose placeholder names it ({@link ConfigFile}), so the file, the
 * environment and Micronaut's other sources (system properties, a test's map) all apply; the
 * families of variables ({@code STREAMS_KAFKA_*}, {@code SHOP_TOPIC_PARTITIONS_*}) come from the
 * environment. Durations take the one syntax of {@code Durations}. A bad value stops the start with
 * a message naming the variable.
 */
@Factory
public class SettingsFactory {

    private final Variables settings;

    public SettingsFactory(final PropertyResolver properties) {
        final ConfigFile file = ConfigFile.load();
        this.settings = new Variables(variable -> {
            final String key = file.keyOf(variable);
            return key == null ? null : properties.get(key, String.class).orElse(null);
        }, System.getenv());
    }

    /** The topology this instance hosts, and the topics it creates. */
    @Singleton
    StreamsHostSettings streamsHostSettings() {
        return new StreamsHostSettings(StreamsSettings.from(settings), TopicSettings.from(settings),
                settings.text("STREAMS_ADVERTISED_HOST"), settings.flag("STREAMS_CREATE_TOPICS"));
    }

    @Singleton
    HealthSettings healthSettings() {
        return new HealthSettings(settings.number("HEALTH_MAX_STORE_LAG"),
                settings.requiredDuration("HEALTH_STALL_TIMEOUT"), settings.requiredDuration("HEALTH_FAILURE_WINDOW"),
                settings.integer("HEALTH_THREAD_FAILURES"));
    }

    @Singleton
    ServedLogSettings servedLogSettings() {
        return new ServedLogSettings(settings.integer("SERVED_LOG_QUEUE_CAPACITY"),
                settings.requiredDuration("SERVED_LOG_DELIVERY_TIMEOUT"), settings.requiredDuration("SERVED_LOG_LINGER"),
                settings.requiredDuration("SERVED_LOG_CLOSE_TIMEOUT"));
    }

    @Singleton
    AccessSettings accessSettings() {
        final List<String> origins = new ArrayList<>();
        for (final String origin : settings.text("CORS_ALLOWED_ORIGINS", "").split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.trim());
            }
        }
        return new AccessSettings(settings.text("API_KEY", ""), origins);
    }

    @Singleton
    EventSettings eventSettings() {
        return new EventSettings(settings.integer("EVENTS_MAX_BATCH"), settings.requiredDuration("EVENTS_IDEMPOTENCY_TTL"),
                settings.number("EVENTS_IDEMPOTENCY_MAX_KEYS"), settings.requiredDuration("EVENTS_SEND_TIMEOUT"));
    }

    /** The running experiment. */
    @Singleton
    Experiment experiment() {
        return Experiment.configured(settings.text("EXPERIMENT_NAME"), settings.text("EXPERIMENT_RULE"),
                settings.number("EXPERIMENT_THRESHOLD"), settings.text("EXPERIMENT_THRESHOLD_ABOVE"),
                settings.text("EXPERIMENT_THRESHOLD_AT_OR_BELOW"), settings.text("EXPERIMENT_SALT"),
                settings.text("EXPERIMENT_VARIANTS"));
    }

    @Singleton
    RecoSettings recoSettings() {
        final String zone = settings.text("RECO_TIME_ZONE");
        try {
            return new RecoSettings(choice("RECO_EXCLUSION", Exclusion.class), ZoneId.of(zone),
                    settings.number("RECO_RANDOM_SEED"), settings.number("RECO_ANSWER_CACHE_SIZE"),
                    settings.requiredDuration("ITEM_EASE_REFIT_INTERVAL"), settings.number("REFIT_BACKLOG"));
        } catch (final DateTimeException e) {
            throw new IllegalArgumentException("RECO_TIME_ZONE is not a time zone: '" + zone + "'", e);
        }
    }

    /** ITEM_EASE fits on the products the topology keeps Gram rows for: one setting, ITEM_EASE_MAX_PRODUCTS. */
    @Singleton
    ItemEaseSettings itemEaseSettings(final StreamsHostSettings host) {
        return new ItemEaseSettings(host.topology().gram().keptProducts(),
                new ItemEaseSettings.Params(settings.decimal("ITEM_EASE_ALL_LAMBDA"),
                        choice("ITEM_EASE_ALL_WEIGHTING", Weighting.class)),
                new ItemEaseSettings.Params(settings.decimal("ITEM_EASE_NEW_LAMBDA"),
                        choice("ITEM_EASE_NEW_WEIGHTING", Weighting.class)));
    }

    /** USER_KNN's k and weighting per list kind. */
    @Singleton
    UserKnnSettings userKnnSettings() {
        return new UserKnnSettings(
                new UserKnnSettings.Params(settings.integer("USER_KNN_ALL_K"), choice("USER_KNN_ALL_WEIGHTING", Weighting.class)),
                new UserKnnSettings.Params(settings.integer("USER_KNN_NEW_K"), choice("USER_KNN_NEW_WEIGHTING", Weighting.class)));
    }

    /** How this instance refits USER_KNN. */
    @Singleton
    UserKnnServing userKnnServing() {
        return new UserKnnServing(settings.requiredDuration("USER_KNN_REFIT_INTERVAL"));
    }

    @Singleton
    ModelSettings modelSettings(final ItemEaseSettings itemEase, final UserKnnSettings userKnn) {
        return new ModelSettings(itemEase, userKnn, new HybridSettings(hybrid("ALL"), hybrid("NEW")));
    }

    private HybridWeights hybrid(final String kind) {
        return new HybridWeights(settings.decimal("HYBRID_" + kind + "_COLLABORATIVE"),
                settings.decimal("HYBRID_" + kind + "_CONTENT"), settings.decimal("HYBRID_" + kind + "_POPULARITY"),
                settings.decimal("HYBRID_" + kind + "_OWN"), settings.decimal("HYBRID_" + kind + "_USER_KNN"));
    }

    /** A constant of {@code type} named by the setting, in any case. */
    private <E extends Enum<E>> E choice(final String variable, final Class<E> type) {
        final String value = settings.text(variable, "");
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'", e);
        }
    }
}
