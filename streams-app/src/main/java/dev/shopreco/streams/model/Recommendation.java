package dev.shopreco.streams.model;

import dev.shopreco.streams.state.ScoredProduct;
import java.util.List;

/**
 * A top-N answer.
 *
 * @param userId   the user asked about
 * @param model    the API name of the model that was asked ({@code POPULARITY}, {@code CONTENT_BASE}, ...)
 * @param products best first, with the model's scores (the popularity list's scores when {@code fallback})
 * @param fallback true when the model could not personalise (no interactions, no profile) and the
 *                 popularity list was served instead
 */
public record Recommendation(long userId, String model, List<ScoredProduct> products, boolean fallback) {

    public Recommendation {
        products = List.copyOf(products);
    }

    /** The product ids, best first. */
    public List<Long> productIds() {
        return products.stream().map(ScoredProduct::productId).toList();
    }
}
