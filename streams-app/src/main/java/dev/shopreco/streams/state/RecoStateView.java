package dev.shopreco.streams.state;

import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.knn.Postings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only view of the recommendation state, the only thing the models read. Two implementations:
 * {@link InMemoryState} (built by the batch reference, used by the evaluator and tests) and
 * {@link StoreBackedState} (over the topology's state stores, used by the API).
 */
public interface RecoStateView {

    /** The user's products with their raw sums, ascending product id; empty for an unknown user. */
    List<UserInteraction> interactions(long userId);

    /** Popularity of the product: the sum over users of s(u,p); 0 if nobody touched it. */
    double popularity(long productId);

    /** The K most popular products, best first (ties by ascending id); K is configured. */
    List<ScoredProduct> topPopular();

    /** TF-IDF vectors and inverted index of the current catalog. */
    ContentIndex content();

    /**
     * The catalog by popularity, whole and per category level: where filtered lists find popular
     * products. This default builds it from {@link #content()} and {@link #popularity} on every call
     * (a pass over the catalog); views that serve requests keep it.
     */
    default PopularityOrder popularityOrder() {
        final ContentIndex index = content();
        final Map<Long, Double> values = new HashMap<>();
        for (final Long product : index.productIds()) {
            values.put(product, popularity(product));
        }
        return PopularityOrder.of(index, values);
    }

    /**
     * The item Gram matrices of every user's history ({@link ItemGram}): what the collaborative
     * models are fitted on. An expensive read (every row): callers fit from it and keep the fit.
     */
    ItemGram itemGram();

    /**
     * The user-kNN postings ({@link Postings}): each kept product's most recent users with their
     * strengths, the rows the user-kNN model is fitted on. An expensive read (every posting): callers
     * fit from it and keep the fit.
     */
    Postings postings();
}
