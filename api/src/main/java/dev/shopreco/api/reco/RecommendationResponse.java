package dev.shopreco.api.reco;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The seed's answer, field for field ({@code id}, {@code date}, {@code user_id}, {@code model},
 * {@code products}), plus two fields a seed client ignores: {@code variant} and {@code fallback}.
 *
 * @param id       unique id of this answer; the same id is written to {@code reco.served}
 * @param date     when it was served, {@code yyyy-MM-dd HH:mm:ss}
 * @param userId   the user
 * @param model    the model asked for (a name of {@code Recommenders.all()})
 * @param products product ids, best first
 * @param variant  the experiment's variant, null when the model was chosen by the caller
 * @param fallback true when the model could not personalise (e.g. an unknown user) and the
 *                 popularity list was served instead
 */
@Serdeable
@JsonPropertyOrder({"id", "date", "user_id", "model", "products", "variant", "fallback"})
@Schema(description = "Recommendations for a user (the seed's contract plus variant and fallback)")
public record RecommendationResponse(
        @Schema(example = "6f1c2a0e-3c1b-4b8e-9a57-2f0b7c9d1e11") String id,
        @Schema(example = "2026-11-28 09:15:02") String date,
        @JsonProperty("user_id") @Schema(example = "551") long userId,
        @Schema(example = "CONTENT_BASE") String model,
        List<Long> products,
        @Nullable @Schema(example = "CONTENT_BASE", nullable = true) String variant,
        boolean fallback) {
}
