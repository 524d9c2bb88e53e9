package dev.shopreco.streams.state;

import java.util.Comparator;

/**
 * A product with a score: a popularity, a cosine similarity, a random draw.
 *
 * @param productId the product
 * @param score     higher is better
 */
public record ScoredProduct(long productId, double score) {

    /** Best first; equal scores by ascending product id, so that every ordering is reproducible. */
    public static final Comparator<ScoredProduct> BEST_FIRST = Comparator
            .comparingDouble(ScoredProduct::score).reversed()
            .thenComparingLong(ScoredProduct::productId);
}
