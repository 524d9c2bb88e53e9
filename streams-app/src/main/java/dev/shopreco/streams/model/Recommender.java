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
     * The best {@code n} catalog products for the user that pass {@code filter}, leaving out
     * {@code exclusion}: the unfiltered ranking with what does not pass taken out, so never padded
     * with a product that does not pass, and n long when that many pass. Must not rank the whole
     * catalog per request in a model the API serves. The models the API serves (every
     * {@link Recommenders} model) implement it; this default answers only an empty filter, for models
     * that are evaluated but never served.
     *
     * @throws UnsupportedOperationException if {@code filter} filters and the model does not implement it
     */
    default Recommendation recommend(final long userId, final int n, final Exclusion exclusion,
            final ProductFilter filter) {
        if (filter.isNone()) {
            return recommend(userId, n, exclusion);
        }
        throw new UnsupportedOperationException(name() + " does not filter lists");
    }

    /**
     * Scores and orders the given products for the user, best first (the evaluator's sampled
     * protocol ranks 101 of them). Every candidate is returned, in or out of the catalog.
     */
    List<ScoredProduct> rank(long userId, Collection<Long> candidates);

    /** The whole catalog ranked for the user, leaving out {@code exclusion} (the full-ranking protocol). */
    List<ScoredProduct> rankCatalog(long userId, Exclusion exclusion);
}
