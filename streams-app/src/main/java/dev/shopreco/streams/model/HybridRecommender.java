package dev.shopreco.streams.model;

import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.content.CategoryGroup;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.SparseVector;
import dev.shopreco.streams.content.UserProfile;
import dev.shopreco.streams.knn.UserKnnFit;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HYBRID: a blend of ITEM_EASE's score, USER_KNN's score, the content-based score, popularity and the
 * user's own history, each normalised to [0, 1] per user ({@link HybridWeights}); one blend for lists that leave
 * out what the user touched and one for the others ({@link HybridSettings#weightsFor}). On data
 * without personal signal the evaluator's tuning puts the weight on popularity, and the model
 * follows it.
 *
 * <p>Top-N scores a bounded candidate set, not the catalog: ITEM_EASE's fitted products (at most N),
 * the products USER_KNN scores (kept products, at most N), the top-K popular products, the n most popular products not excluded (what the Popularity model
 * would serve, so that a popularity-only blend is exactly Popularity), the user's own products and
 * the content-based model's top K. A user without interactions gets the popularity list as a
 * fallback. Ties by popularity, then id. Without an ITEM_EASE fit or a user-kNN neighbour list yet
 * (the API before its first background fits) that term is 0 and the rest of the blend still answers.
 */
public final class HybridRecommender extends AbstractRecommender {

    private final HybridSettings settings;
    private final ItemEaseSettings itemEase;
    private final ItemEaseFits fits;
    private final UserKnnSettings userKnn;
    private final UserKnnFits knnFits;

    public HybridRecommender(final RecoStateView state, final HybridSettings settings, final ItemEaseSettings itemEase,
            final ItemEaseFits fits, final UserKnnSettings userKnn, final UserKnnFits knnFits) {
        super(state);
        this.settings = settings;
        this.itemEase = itemEase;
        this.fits = fits;
        this.userKnn = userKnn;
        this.knnFits = knnFits;
    }

    @Override
    public String name() {
        return Recommenders.HYBRID;
    }

    /** The same candidates, each drawn from the products that pass the filter. */
    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion,
            final ProductFilter filter) {
        final List<UserInteraction> interactions = state.interactions(userId);
        final Restriction restriction = restriction(interactions, exclusion, filter);
        if (interactions.isEmpty()) {
            return popularityList(userId, n, restriction, true);
        }
        final HybridWeights weights = settings.weightsFor(exclusion);
        final Signals signals = signals(userId, interactions, exclusion, weights);
        final Set<Long> candidates = new LinkedHashSet<>(signals.collaborative.keySet());
        candidates.addAll(signals.knn.keySet());
        // the K (at least n) most popular products the user may get, as the Popularity model finds
        // them: on dense data the exclusion can remove most of the top-K list
        final int deep = Math.max(n, state.topPopular().size());
        PopularityList.top(state, deep, restriction, new ArrayList<>()).forEach(p -> candidates.add(p.productId()));
        interactions.forEach(i -> candidates.add(i.productId()));
        // as deep into the user's categories as the popularity list goes: the blend may lift a
        // product of a favourite category above the popular ones, so the top N alone is too few
        new ContentBasedRecommender(state).recommend(userId, deep, exclusion, filter)
                .products().forEach(p -> candidates.add(p.productId()));
        candidates.removeIf(p -> !restriction.accepts(p));
        return personalList(userId, n, restriction, score(signals, candidates, weights));
    }

    /** Ranks with the blend for lists that keep the user's products (nothing is excluded here). */
    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        final HybridWeights weights = settings.weightsFor(Exclusion.NONE);
        return score(signals(userId, state.interactions(userId), Exclusion.NONE, weights), candidates, weights);
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        final List<UserInteraction> interactions = state.interactions(userId);
        final HybridWeights weights = settings.weightsFor(exclusion);
        return score(signals(userId, interactions, exclusion, weights), catalogWithout(interactions, exclusion),
                weights);
    }

    /** The user's signals and their normalisers, computed once per request. */
    private record Signals(Map<Long, Double> collaborative, double maxCollaborative, Map<Long, Double> knn,
            double maxKnn, SparseVector profile, double maxContent, Map<Long, Double> own, double maxOwn,
            double maxPopularity) {
    }

    private Signals signals(final long userId, final List<UserInteraction> interactions, final Exclusion exclusion,
            final HybridWeights weights) {
        final Map<Long, Double> collaborative = easeScores(interactions, itemEase.paramsFor(exclusion));
        final double maxCollaborative = max(collaborative);
        // only when weighed: a blend without it scores the same candidates as before it existed
        final Map<Long, Double> knn = weights.userKnn() > 0 && !interactions.isEmpty()
                ? knnScores(userId, userKnn.paramsFor(exclusion)) : Map.of();
        final double maxKnn = max(knn);
        final ContentIndex index = state.content();
        final SparseVector profile = UserProfile.of(interactions, index);
        double maxContent = 0.0;
        if (!profile.isZero()) {
            for (final CategoryGroup group : index.groups()) {
                maxContent = Math.max(maxContent, profile.dot(group.vector()));
            }
        }
        final Map<Long, Double> own = new HashMap<>();
        double maxOwn = 0.0;
        for (final UserInteraction interaction : interactions) {
            own.put(interaction.productId(), interaction.strength());
            maxOwn = Math.max(maxOwn, interaction.strength());
        }
        final List<ScoredProduct> top = state.topPopular();
        final double maxPopularity = top.isEmpty() ? 0.0 : top.get(0).score();
        return new Signals(collaborative, maxCollaborative, knn, maxKnn, profile, maxContent, own, maxOwn,
                maxPopularity);
    }

    private static double max(final Map<Long, Double> scores) {
        double max = 0.0;
        for (final double value : scores.values()) {
            max = Math.max(max, value);
        }
        return max;
    }

    /** USER_KNN's (positive) scores for the user (empty without a fit or a neighbour list). */
    private Map<Long, Double> knnScores(final long userId, final UserKnnSettings.Params params) {
        final UserKnnFit fit = knnFits.current(params.weighting());
        return fit == null ? Map.of() : fit.scores(userId, params.k());
    }

    /** ITEM_EASE's positive scores for the user (empty without a fit). */
    private Map<Long, Double> easeScores(final List<UserInteraction> interactions,
            final ItemEaseSettings.Params params) {
        final ItemEaseFit fit = interactions.isEmpty() ? null : fits.current(params);
        if (fit == null) {
            return Map.of();
        }
        final Map<Long, Double> positive = new HashMap<>();
        fit.scores(interactions).forEach((product, score) -> {
            if (score > 0) {
                positive.put(product, score);
            }
        });
        return positive;
    }

    private List<ScoredProduct> score(final Signals s, final Collection<Long> candidates, final HybridWeights w) {
        final ContentIndex index = state.content();
        final List<ScoredProduct> scored = new ArrayList<>(candidates.size());
        for (final Long product : candidates) {
            double score = 0.0;
            if (w.collaborative() > 0 && s.maxCollaborative > 0) {
                score += w.collaborative() * s.collaborative.getOrDefault(product, 0.0) / s.maxCollaborative;
            }
            if (w.userKnn() > 0 && s.maxKnn > 0) {
                score += w.userKnn() * s.knn.getOrDefault(product, 0.0) / s.maxKnn;
            }
            if (w.content() > 0 && s.maxContent > 0) {
                final SparseVector vector = index.vector(product);
                score += vector == null ? 0.0 : w.content() * s.profile.dot(vector) / s.maxContent;
            }
            if (w.popularity() > 0 && s.maxPopularity > 0) {
                score += w.popularity() * state.popularity(product) / s.maxPopularity;
            }
            if (w.own() > 0 && s.maxOwn > 0) {
                score += w.own() * s.own.getOrDefault(product, 0.0) / s.maxOwn;
            }
            scored.add(new ScoredProduct(product, score));
        }
        scored.sort(ItemEaseRecommender.bestFirst(state));
        return scored;
    }
}
