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
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
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
        final Signals signals = signals(userId, interactions, exclusion, weights.userKnn() > 0);
        final Set<Long> candidates = candidates(userId, n, exclusion, filter, interactions, restriction, signals);
        return personalList(userId, n, restriction, new Candidates(signals, candidates).top(weights, n));
    }

    /**
     * The unfiltered lists {@link #recommend(long, int, Exclusion)} answers for the user with each of
     * {@code blends} in place of the settings' blend for {@code exclusion}, in that order: the same
     * products and scores, with the user's signals and candidates computed once for all of them (a
     * grid search over blends scores every blend for every user).
     */
    public List<Recommendation> recommendEach(final long userId, final int n, final Exclusion exclusion,
            final List<HybridWeights> blends) {
        final List<UserInteraction> interactions = state.interactions(userId);
        final Restriction restriction = restriction(interactions, exclusion, ProductFilter.NONE);
        if (interactions.isEmpty()) {
            return Collections.nCopies(blends.size(), popularityList(userId, n, restriction, true));
        }
        final boolean knnWeighed = blends.stream().anyMatch(w -> w.userKnn() > 0);
        final Signals signals = signals(userId, interactions, exclusion, knnWeighed);
        final Signals withoutKnn = signals.withoutKnn();
        final Candidates plain = new Candidates(withoutKnn,
                candidates(userId, n, exclusion, ProductFilter.NONE, interactions, restriction, withoutKnn));
        final Candidates all = knnWeighed
                ? new Candidates(signals, candidates(userId, n, exclusion, ProductFilter.NONE, interactions,
                        restriction, signals))
                : plain;
        final List<Recommendation> lists = new ArrayList<>(blends.size());
        for (final HybridWeights weights : blends) {
            lists.add(personalList(userId, n, restriction, (weights.userKnn() > 0 ? all : plain).top(weights, n)));
        }
        return lists;
    }

    /**
     * What a list may hold, all passing the restriction: the products either collaborative signal
     * scores, the K (at least n) most popular ones the user may get, the user's own and the
     * content-based model's top K.
     */
    private Set<Long> candidates(final long userId, final int n, final Exclusion exclusion,
            final ProductFilter filter, final List<UserInteraction> interactions, final Restriction restriction,
            final Signals signals) {
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
        return candidates;
    }

    /** Ranks with the blend for lists that keep the user's products (nothing is excluded here). */
    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        final HybridWeights weights = settings.weightsFor(Exclusion.NONE);
        return new Candidates(signals(userId, state.interactions(userId), Exclusion.NONE, weights.userKnn() > 0),
                candidates).top(weights, candidates.size());
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        final List<UserInteraction> interactions = state.interactions(userId);
        final HybridWeights weights = settings.weightsFor(exclusion);
        final List<Long> candidates = catalogWithout(interactions, exclusion);
        return new Candidates(signals(userId, interactions, exclusion, weights.userKnn() > 0), candidates)
                .top(weights, candidates.size());
    }

    /** The user's signals and their normalisers, computed once per request. */
    private record Signals(Map<Long, Double> collaborative, double maxCollaborative, Map<Long, Double> knn,
            double maxKnn, SparseVector profile, double maxContent, Map<Long, Double> own, double maxOwn,
            double maxPopularity) {

        /** The same signals with no user-kNN term (as for a blend that does not weigh it). */
        Signals withoutKnn() {
            return new Signals(collaborative, maxCollaborative, Map.of(), 0.0, profile, maxContent, own, maxOwn,
                    maxPopularity);
        }
    }

    /** {@code knn}: whether to compute the user-kNN term (only a blend that weighs it needs it). */
    private Signals signals(final long userId, final List<UserInteraction> interactions, final Exclusion exclusion,
            final boolean knn) {
        final Map<Long, Double> collaborative = easeScores(interactions, itemEase.paramsFor(exclusion));
        final double maxCollaborative = max(collaborative);
        // only when weighed: a blend without it scores the same candidates as before it existed
        final Map<Long, Double> knnScores = knn && !interactions.isEmpty()
                ? knnScores(userId, userKnn.paramsFor(exclusion)) : Map.of();
        final double maxKnn = max(knnScores);
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
        return new Signals(collaborative, maxCollaborative, knnScores, maxKnn, profile, maxContent, own, maxOwn,
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

    /**
     * Each candidate's terms, read once from the signals and the state; a blend's score is their
     * weighted sum, and its order is {@link ItemEaseRecommender#bestFirst} (score, then popularity,
     * then ascending id).
     */
    private final class Candidates {

        private final Signals s;
        private final long[] ids;
        private final double[] collaborative;
        private final double[] knn;
        private final double[] content;
        private final double[] popularity;
        private final double[] own;

        Candidates(final Signals s, final Collection<Long> candidates) {
            this.s = s;
            final int size = candidates.size();
            ids = new long[size];
            collaborative = new double[size];
            knn = new double[size];
            content = new double[size];
            popularity = new double[size];
            own = new double[size];
            final ContentIndex index = state.content();
            int i = 0;
            for (final Long product : candidates) {
                ids[i] = product;
                collaborative[i] = s.collaborative.getOrDefault(product, 0.0);
                knn[i] = s.knn.getOrDefault(product, 0.0);
                final SparseVector vector = s.maxContent > 0 ? index.vector(product) : null;
                content[i] = vector == null ? 0.0 : s.profile.dot(vector);
                popularity[i] = state.popularity(product);
                own[i] = s.own.getOrDefault(product, 0.0);
                i++;
            }
        }

        private double score(final int i, final HybridWeights w) {
            double score = 0.0;
            if (w.collaborative() > 0 && s.maxCollaborative > 0) {
                score += w.collaborative() * collaborative[i] / s.maxCollaborative;
            }
            if (w.userKnn() > 0 && s.maxKnn > 0) {
                score += w.userKnn() * knn[i] / s.maxKnn;
            }
            if (w.content() > 0 && s.maxContent > 0) {
                score += w.content() * content[i] / s.maxContent;
            }
            if (w.popularity() > 0 && s.maxPopularity > 0) {
                score += w.popularity() * popularity[i] / s.maxPopularity;
            }
            if (w.own() > 0 && s.maxOwn > 0) {
                score += w.own() * own[i] / s.maxOwn;
            }
            return score;
        }

        /** Whether candidate {@code a} comes before {@code b} with these scores. */
        private boolean before(final int a, final int b, final double[] scores) {
            int c = Double.compare(scores[b], scores[a]);
            if (c == 0) {
                c = Double.compare(popularity[b], popularity[a]);
            }
            return c < 0 || c == 0 && ids[a] < ids[b];
        }

        /** The first {@code n} candidates under blend {@code w}, best first, with their scores. */
        List<ScoredProduct> top(final HybridWeights w, final int n) {
            final int size = ids.length;
            final double[] scores = new double[size];
            for (int i = 0; i < size; i++) {
                scores[i] = score(i, w);
            }
            final int keep = Math.min(n, size);
            final int[] order;
            if (keep < size / 4) {
                // a short list from many candidates: insertion into the best `keep` so far
                order = new int[keep];
                int filled = 0;
                for (int i = 0; i < size && keep > 0; i++) {
                    if (filled == keep && !before(i, order[keep - 1], scores)) {
                        continue;
                    }
                    int j = filled < keep ? filled++ : keep - 1;
                    while (j > 0 && before(i, order[j - 1], scores)) {
                        order[j] = order[j - 1];
                        j--;
                    }
                    order[j] = i;
                }
            } else {
                final Integer[] all = new Integer[size];
                for (int i = 0; i < size; i++) {
                    all[i] = i;
                }
                Arrays.sort(all, (a, b) -> before(a, b, scores) ? -1 : before(b, a, scores) ? 1 : 0);
                order = new int[keep];
                for (int i = 0; i < keep; i++) {
                    order[i] = all[i];
                }
            }
            final List<ScoredProduct> top = new ArrayList<>(keep);
            for (final int i : order) {
                top.add(new ScoredProduct(ids[i], scores[i]));
            }
            return top;
        }
    }
}
