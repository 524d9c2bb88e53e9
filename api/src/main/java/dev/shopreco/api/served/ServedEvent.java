package dev.shopreco.api.served;

import dev.shopreco.api.experiment.Assignment;
import dev.shopreco.api.reco.RecommendationResponse;
import java.util.List;
import java.util.Map;

/**
 * The value of a {@code reco.served} record (key: the user id as decimal text): the answer as the
 * client got it, plus what an experiment analysis needs to group it. Written as snake_case JSON by
 * the project's one Jackson configuration.
 *
 * @param id         the answer's id, equal to the {@code id} the client got
 * @param date       the answer's {@code date}
 * @param userId     the user
 * @param model      the model asked for
 * @param products   the product ids served, best first
 * @param variant    the experiment's variant (null outside the experiment)
 * @param fallback   whether the popularity fallback was served
 * @param experiment the experiment's name (null when the caller chose the model)
 * @param rule       {@code threshold} or {@code hash}, or {@code explicit} when the caller chose the model
 * @param instance   the API instance that computed the answer ({@code host:port})
 * @param servedAt   epoch milliseconds, also the record's timestamp
 * @param asOf       the shop's event time when the list was served (epoch ms): the client's
 *                   {@code X-Shopreco-Event-Time} (a replay's clock), else the newest event time this
 *                   instance's topology had seen; null when neither is known. The A/B attribution's
 *                   window starts here.
 * @param weights    the experiment's configured variant weights (hash rule), null otherwise; the A/B
 *                   analysis checks the split of users against them
 * @param requestId  the {@code X-Request-ID} of the HTTP request that got the answer (the client's,
 *                   or one the API made); the same in the response header and the access log line
 * @param filters    the filters the list was made under
 */
public record ServedEvent(
        String id,
        String date,
        long userId,
        String model,
        List<Long> products,
        String variant,
        boolean fallback,
        String experiment,
        String rule,
        String instance,
        long servedAt,
        Long asOf,
        Map<String, Double> weights,
        String requestId,
        ServedFilters filters) {

    /** The rule named in events whose model the caller chose ({@code /models/{model}/user/{id}}). */
    public static final String EXPLICIT = "explicit";

    /** The event of an answer; {@code assignment} is null when the caller chose the model. */
    public static ServedEvent of(final RecommendationResponse response, final Assignment assignment,
            final Map<String, Double> weights, final String instance, final long servedAt, final Long asOf,
            final String requestId, final ServedFilters filters) {
        return new ServedEvent(response.id(), response.date(), response.userId(), response.model(),
                response.products(), response.variant(), response.fallback(),
                assignment == null ? null : assignment.experiment(),
                assignment == null ? EXPLICIT : assignment.rule(),
                instance, servedAt, asOf, assignment == null ? null : weights, requestId,
                filters);
    }
}
