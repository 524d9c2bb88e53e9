package dev.shopreco.streams.model;

import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ITEM_EASE: EASE fitted on the item Gram matrices the topology maintains ({@link ItemEaseFit}), with
 * λ and weighting per list kind ({@link ItemEaseSettings}). Fitted products are ranked by score, then
 * popularity, then id; products outside the fit (beyond the N most used) follow by popularity. A user
 * with no fitted product, or a state with no fit yet (the API before its first background fit), gets
 * the popularity list flagged as a fallback.
 */
public final class ItemEaseRecommender extends AbstractRecommender {

    private final ItemEaseSettings settings;
    private final ItemEaseFits fits;

    public ItemEaseRecommender(final RecoStateView state, final ItemEaseSettings settings, final ItemEaseFits fits) {
        super(state);
        this.settings = settings;
        this.fits = fits;
    }

    @Override
    public String name() {
        return Recommenders.ITEM_EASE;
    }

    /**
     * The fitted products that pass the filter, by score, then popular ones that pass. The popularity
     * fallback (flagged) is for a user whose fitted products are all left out by the exclusion, or who
     * has none, as without a filter; a category without fitted products is filled by popularity.
     */
    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion,
            final ProductFilter filter) {
        final List<UserInteraction> interactions = state.interactions(userId);
        final Restriction restriction = restriction(interactions, exclusion, filter);
        return scoredList(userId, n, restriction, scores(interactions, settings.paramsFor(exclusion)));
    }

    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        return rank(state.interactions(userId), candidates, settings.all());
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        final List<UserInteraction> interactions = state.interactions(userId);
        return rank(interactions, catalogWithout(interactions, exclusion), settings.paramsFor(exclusion));
    }

    private List<ScoredProduct> rank(final List<UserInteraction> interactions, final Collection<Long> candidates,
            final ItemEaseSettings.Params params) {
        final Map<Long, Double> scores = scores(interactions, params);
        final List<ScoredProduct> fitted = new ArrayList<>();
        final List<ScoredProduct> rest = new ArrayList<>();
        for (final Long product : candidates) {
            final Double score = scores.get(product);
            if (score != null) {
                fitted.add(new ScoredProduct(product, score));
            } else {
                rest.add(new ScoredProduct(product, 0.0));
            }
        }
        fitted.sort(bestFirst(state));
        rest.sort(Comparator.comparing((ScoredProduct p) -> state.popularity(p.productId()), Comparator.reverseOrder())
                .thenComparingLong(ScoredProduct::productId));
        fitted.addAll(rest);
        return fitted;
    }

    private Map<Long, Double> scores(final List<UserInteraction> interactions, final ItemEaseSettings.Params params) {
        if (interactions.isEmpty()) {
            return Map.of();
        }
        final ItemEaseFit fit = fits.current(params);
        return fit == null ? Map.of() : fit.scores(interactions);
    }

    /** Score, then popularity, then ascending id. */
    static Comparator<ScoredProduct> bestFirst(final RecoStateView state) {
        return Comparator.comparingDouble(ScoredProduct::score).reversed()
                .thenComparing((ScoredProduct p) -> state.popularity(p.productId()), Comparator.reverseOrder())
                .thenComparingLong(ScoredProduct::productId);
    }
}
