package dev.shopreco.api.reco;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code POST /recommendations}: lists for several users at once.
 *
 * @param userIds   the users, each at most once
 * @param n         list length, 1 to 100 (default 10)
 * @param model     a model by name; absent: each user's variant of the running experiment
 * @param category  as the {@code category} query parameter of the list endpoints
 * @param exclude   product ids to leave out
 * @param exclusion {@code NONE}, {@code PURCHASED} or {@code INTERACTED}; absent: {@code RECO_EXCLUSION}
 */
@Serdeable
@Schema(description = "Lists for several users")
public record BatchRequest(
        @JsonProperty("user_ids") @Schema(example = "[101, 551, 987654]") List<Long> userIds,
        @Nullable @Schema(example = "10", nullable = true) Integer n,
        @Nullable @Schema(example = "HYBRID", nullable = true) String model,
        @Nullable @Schema(nullable = true) String category,
        @Nullable @Schema(nullable = true) List<Long> exclude,
        @Nullable @Schema(nullable = true, allowableValues = {"NONE", "PURCHASED", "INTERACTED"}) String exclusion) {
}
