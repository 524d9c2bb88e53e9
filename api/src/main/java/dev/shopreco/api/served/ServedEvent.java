package dev.shopreco.api.served;

import dev.shopreco.api.reco.RecommendationResponse;
import dev.shopreco.api.routing.Assignment;
import java.util.List;

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
        long servedAt) {

    /** The rule named in events whose model the caller chose ({@code /models/{model}/user/{id}}). */
    public static final String EXPLICIT = "explicit";

    /** The event of an answer; {@code assignment} is null when the caller chose the model. */
    public static ServedEvent of(final RecommendationResponse response, final Assignment assignment,
            final String instance, final long servedAt) {
        return new ServedEvent(response.id(), response.date(), response.userId(), response.model(),
                response.products(), response.variant(), response.fallback(),
                assignment == null ? null : assignment.experiment(),
                assignment == null ? EXPLICIT : assignment.rule(),
                instance, servedAt);
    }
}
