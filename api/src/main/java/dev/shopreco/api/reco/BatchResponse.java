package dev.shopreco.api.reco;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer to {@code POST /recommendations}: one result per user, in the order asked.
 *
 * @param results each user's list, or why there is none
 */
@Serdeable
@Schema(description = "One result per user, in the order of user_ids")
public record BatchResponse(List<Result> results) {

    /**
     * One user's result.
     *
     * @param userId         the user
     * @param status         200 with a list; 503 when the user's state could not be read (then {@code error})
     * @param recommendation the list, as {@code GET /models/user/{id}} answers it
     * @param error          why there is no list
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"user_id", "status", "recommendation", "error"})
    public record Result(
            @JsonProperty("user_id") long userId,
            int status,
            @Nullable RecommendationResponse recommendation,
            @Nullable String error) {

        /** A list. */
        public static Result ok(final RecommendationResponse recommendation) {
            return new Result(recommendation.userId(), 200, recommendation, null);
        }

        /** No list: the user's state could not be read ({@code 503}). */
        public static Result unavailable(final long userId, final String error) {
            return new Result(userId, 503, null, error);
        }
    }
}
