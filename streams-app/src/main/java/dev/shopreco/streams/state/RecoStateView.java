package dev.shopreco.streams.state;

import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.ContentIndex;
import java.util.List;

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
     * The item Gram matrices of every user's history ({@link ItemGram}): what the collaborative
     * models are fitted on. An expensive read (every row): callers fit from it and keep the fit.
     */
    ItemGram itemGram();
}
