package dev.shopreco.api.reco;

import dev.shopreco.api.experiment.Assignment;
import dev.shopreco.api.experiment.Experiment;
import dev.shopreco.api.served.ServedEvent;
import dev.shopreco.api.served.ServedFilters;
import dev.shopreco.api.served.ServedLog;
import dev.shopreco.api.streams.EventClock;
import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.ProductFilter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Computes an answer from this instance's state, stamps it with an id and a date, counts it, and
 * hands it to the served log. The caller has made sure this instance owns the user.
 */
@Singleton
public class RecommendationService {

    private static final DateTimeFormatter SEED_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Experiment experiment;
    private final Models models;
    private final AnswerCache answers;
    private final ServedLog servedLog;
    private final KafkaStreamsHost host;
    private final ServedCounters served;
    private final AnswerIds ids = new AnswerIds();
    private final Exclusion exclusion;
    private final ServedFilters plainFilters;
    private final DateTimeFormatter dates;
    private final Clock clock;
    private final EventClock eventClock;
    private volatile Date lastDate = new Date(Long.MIN_VALUE, "");

    /** The seed's {@code date} of one second (every answer of that second shares it). */
    private record Date(long second, String text) {
    }

    public RecommendationService(final Experiment experiment, final Models models, final AnswerCache answers,
            final ServedLog servedLog,
            final KafkaStreamsHost host, final MeterRegistry meters, final EventClock eventClock,
            final RecoSettings settings) {
        this.experiment = experiment;
        this.models = models;
        this.answers = answers;
        this.servedLog = servedLog;
        this.host = host;
        this.served = new ServedCounters(meters);
        this.exclusion = settings.exclusion();
        this.plainFilters = new ServedFilters(null, List.of(), exclusion.name());
        this.dates = SEED_DATE.withZone(settings.timeZone());
        this.clock = Clock.systemUTC();
        this.eventClock = eventClock;
    }

    /**
     * The experiment's answer: the user's variant decides the model.
     *
     * @param filter    the request's filters ({@link ListFilter#NONE}: none)
     * @param eventTime the shop's current event time as the client knows it (a replay's clock), or null
     * @param requestId the HTTP request's id, for the served log
     */
    public RecommendationResponse forExperiment(final long userId, final int n, final ListFilter filter,
            final Long eventTime, final String requestId) {
        final Assignment assignment = experiment.assign(userId);
        return serve(assignment.model(), userId, n, filter, assignment, eventTime, requestId);
    }

    /** The answer of a model the caller chose, outside the experiment ({@code variant} null). */
    public RecommendationResponse forModel(final String model, final long userId, final int n,
            final ListFilter filter, final Long eventTime, final String requestId) {
        return serve(models.canonical(model), userId, n, filter, null, eventTime, requestId);
    }

    private RecommendationResponse serve(final String model, final long userId, final int n,
            final ListFilter filter, final Assignment assignment, final Long eventTime, final String requestId) {
        final Exclusion listExclusion = filter.exclusionOr(exclusion);
        final boolean plain = filter.products().isNone() && listExclusion == exclusion;
        final AnswerCache.Answer recommendation;
        try {
            // only unfiltered lists are kept: the filters' values are too many to key answers by
            recommendation = plain
                    ? answers.get(model, userId, n, () -> models.get(model).recommend(userId, n, exclusion))
                    : answers.computed(() -> models.get(model).recommend(userId, n, listExclusion, filter.products()));
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The stores are migrating: " + e.getMessage(), e);
        }
        final long now = clock.millis();
        final String variant = assignment == null ? null : assignment.variant();
        final RecommendationResponse response = new RecommendationResponse(ids.next().toString(),
                date(now), userId, model, recommendation.productIds(), variant, recommendation.fallback());
        final Long asOf = eventTime != null ? eventTime : eventClock.now();
        servedLog.publish(ServedEvent.of(response, assignment, experiment.weights(), host.instanceId(), now, asOf,
                requestId, plain ? plainFilters : served(filter, listExclusion)));
        served.served(model, variant, recommendation.fallback());
        return response;
    }

    private static ServedFilters served(final ListFilter filter, final Exclusion exclusion) {
        final ProductFilter products = filter.products();
        return new ServedFilters(products.categories().isEmpty() ? null : String.join(";", products.categories()),
                products.exclude().stream().sorted().toList(), exclusion.name());
    }

    private String date(final long epochMillis) {
        final long second = Math.floorDiv(epochMillis, 1000L);
        final Date last = lastDate;
        if (last.second() == second) {
            return last.text();
        }
        final Date fresh = new Date(second, dates.format(Instant.ofEpochSecond(second)));
        lastDate = fresh;
        return fresh.text();
    }
}
