package dev.shopreco.streams.model;

import dev.shopreco.streams.state.ScoredProduct;
import java.util.Collection;
import java.util.List;

/**
 * A recommendation model, as the API serves it and the evaluator scores it. Implementations read the
 * state only through a {@link dev.shopreco.streams.state.RecoStateView}, so one class serves live
 * state and evaluates on a batch snapshot. Every ordering is total (ties end on the product id), so
 * answers are reproducible.
 */
public interface Recommender {

    /** The API name: {@code POPULARITY}, {@code CONTENT_BASE}, {@code RANDOM}, {@code ITEM_EASE}, {@code HYBRID}. */
    String name();

    /**
     * The best {@code n} catalog products for the user, leaving out {@code exclusion}. A user without
     * interactions gets the popularity list with {@code fallback} set.
     */
    Recommendation recommend(long userId, int n, Exclusion exclusion);

    /**
     * Scores and orders the given products for the user, best first (the evaluator's sampled
     * protocol ranks 101 of them). Every candidate is returned, in or out of the catalog.
     */
    List<ScoredProduct> rank(long userId, Collection<Long> candidates);

    /** The whole catalog ranked for the user, leaving out {@code exclusion} (the full-ranking protocol). */
    List<ScoredProduct> rankCatalog(long userId, Exclusion exclusion);
}
