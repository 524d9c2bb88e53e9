package dev.shopreco.api.reco;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A user's content profile and history.
 *
 * @param userId       the user
 * @param categories   the profile: relevance of each category level (TF-IDF term), highest first;
 *                     empty for a user without interactions
 * @param interactions the user's products, ascending id, with raw and smoothed strengths
 */
@Serdeable
public record ProfileResponse(@JsonProperty("user_id") long userId, List<Category> categories,
        List<Interaction> interactions) {

    /**
     * One profile entry.
     *
     * @param category  the lower-cased category level
     * @param relevance its weight in the L2-normalised profile
     */
    @Serdeable
    public record Category(String category, double relevance) {
    }

    /**
     * One product of the user's history.
     *
     * @param productId   the product
     * @param strengthSum sum of the event strengths (view 1, purchase 2 by default)
     * @param strength    {@code s(u,p) = log2(1 + strength_sum)}
     * @param purchased   whether the user bought it
     * @param firstEvent  earliest event time (ISO, UTC)
     * @param lastEvent   latest event time (ISO, UTC)
     */
    @Serdeable
    public record Interaction(@JsonProperty("product_id") long productId,
            @JsonProperty("strength_sum") double strengthSum, double strength, boolean purchased,
            @JsonProperty("first_event") String firstEvent, @JsonProperty("last_event") String lastEvent) {
    }
}
