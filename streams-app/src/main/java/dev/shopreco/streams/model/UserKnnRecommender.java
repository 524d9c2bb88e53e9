package dev.shopreco.streams.model;

import dev.shopreco.streams.knn.UserKnnFit;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * USER_KNN: user-based k nearest neighbours on the published postings ({@link UserKnnFit}): a user's
 * neighbours are the k users with the highest positive cosine between their rows of X (ties by
 * ascending user id), and a product scores {@code Σ sim(u,v)·X[v][p]} over them; k and the weighting
 * per list kind ({@link UserKnnSettings}). Products with a positive score are ranked by score, then
 * popularity, then id; the rest follow by popularity. A user without neighbours (no postings, no
 * list yet, or nobody sharing a product) gets the popularity list flagged as a fallback.
 *
 * <p>Where the postings hold every user's whole history (nothing capped) this is exactly the
 * evaluator's offline user-kNN baseline.
 */
public final class UserKnnRecommender extends AbstractRecommender {

    private final UserKnnSettings settings;
    private final UserKnnFits fits;

    public UserKnnRecommender(final RecoStateView state, final UserKnnSettings settings, final UserKnnFits fits) {
        super(state);
        this.settings = settings;
        this.fits = fits;
    }

    @Override
    public String name() {
        return Recommenders.USER_KNN;
    }

    /**
     * The scored products that pass the filter, by score, then popular ones that pass. The popularity
     * fallback (flagged) is for a user whose scored products are all left out by the exclusion, or who
     * has none, as without a filter; a category without scored products is filled by popularity.
     */
    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion,
            final ProductFilter filter) {
        final List<UserInteraction> interactions = state.interactions(userId);
        final Restriction restriction = restriction(interactions, exclusion, filter);
        return scoredList(userId, n, restriction, scores(userId, settings.paramsFor(exclusion)));
    }

    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        return rank(userId, candidates, settings.all());
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        return rank(userId, catalogWithout(state.interactions(userId), exclusion), settings.paramsFor(exclusion));
    }

    private List<ScoredProduct> rank(final long userId, final Collection<Long> candidates,
            final UserKnnSettings.Params params) {
        final Map<Long, Double> scores = scores(userId, params);
        final List<ScoredProduct> scored = new ArrayList<>();
        final List<ScoredProduct> rest = new ArrayList<>();
        for (final Long product : candidates) {
            final Double score = scores.get(product);
            if (score != null) {
                scored.add(new ScoredProduct(product, score));
            } else {
                rest.add(new ScoredProduct(product, 0.0));
            }
        }
        scored.sort(ItemEaseRecommender.bestFirst(state));
        rest.sort(Comparator.comparing((ScoredProduct p) -> state.popularity(p.productId()), Comparator.reverseOrder())
                .thenComparingLong(ScoredProduct::productId));
        scored.addAll(rest);
        return scored;
    }

    /** The user's positive scores with this setting (empty without a fit or neighbours). */
    private Map<Long, Double> scores(final long userId, final UserKnnSettings.Params params) {
        final UserKnnFit fit = fits.current(params.weighting());
        return fit == null ? Map.of() : fit.scores(userId, params.k());
    }
}
