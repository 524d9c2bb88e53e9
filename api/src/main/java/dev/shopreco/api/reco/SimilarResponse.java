package dev.shopreco.api.reco;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.shopreco.streams.model.SimilarProducts;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Products similar to a product.
 *
 * @param productId the product asked about
 * @param model     the model that found them ({@code ITEM_EASE}, {@code CONTENT_BASE}, {@code HYBRID})
 * @param products  product ids, most similar first; never the product itself
 * @param fallback  true when the model had no signal for the product (ITEM_EASE: not fitted yet, no
 *                  co-occurrence) and the popularity list was served instead
 */
@Serdeable
@JsonPropertyOrder({"product_id", "model", "products", "fallback"})
@Schema(description = "Products similar to a product, most similar first")
public record SimilarResponse(
        @JsonProperty("product_id") @Schema(example = "1009") long productId,
        @Schema(example = "HYBRID") String model,
        List<Long> products,
        boolean fallback) {

    static SimilarResponse of(final SimilarProducts.Similar similar) {
        return new SimilarResponse(similar.productId(), similar.model(), similar.productIds(), similar.fallback());
    }
}
