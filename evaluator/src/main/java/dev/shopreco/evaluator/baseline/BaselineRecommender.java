package dev.shopreco.evaluator.baseline;

import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.PopularityRecommender;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An offline baseline answering through the served models' {@link Recommender} interface, so the
 * temporal protocol asks it exactly what it asks them. Scores come from an {@link ItemScorer}
 * (EASE, user-kNN); a product without a column (nobody touched it in training, or not in the
 * catalog) scores 0. Ties, frequent among the zeros, go to training popularity, then the product id,
 * so a user the model knows little about gets the popularity order. A user without training
 * interactions gets the served popularity list, flagged as a fallback; so does a user for whom
 * every candidate scores 0 (e.g. no neighbour shares a product).
 */
public final class BaselineRecommender implements Recommender {

    /** A candidate with what it is ordered by. */
    private record Candidate(long productId, double score, double popularity) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparing(Comparator.comparingDouble(Candidate::popularity).reversed())
            .thenComparingLong(Candidate::productId);

    private final String name;
    private final RecoStateView state;
    private final ItemScorer scorer;
    private final Recommender popularity;

    BaselineRecommender(final String name, final RecoStateView state, final ItemScorer scorer) {
        this.name = name;
        this.state = state;
        this.scorer = scorer;
        this.popularity = new PopularityRecommender(state);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion) {
        final List<UserInteraction> interactions = state.interactions(userId);
        if (scorer.matrix().row(userId) < 0 || interactions.isEmpty()) {
            return new Recommendation(userId, name, popularity.recommend(userId, n, exclusion).products(), true);
        }
        final List<ScoredProduct> ranked = rankCatalog(userId, exclusion);
        final boolean nothingScored = ranked.stream().allMatch(p -> p.score() == 0.0);
        return new Recommendation(userId, name, ranked.subList(0, Math.min(n, ranked.size())), nothingScored);
    }

    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        final int row = scorer.matrix().row(userId);
        final double[] scores = row < 0 ? null : scorer.scores(row);
        // popularity looked up once per candidate, not once per comparison
        final List<Candidate> ranked = new ArrayList<>(candidates.size());
        for (final Long product : candidates) {
            final int column = scorer.matrix().column(product);
            ranked.add(new Candidate(product, scores == null || column < 0 ? 0.0 : scores[column],
                    state.popularity(product)));
        }
        ranked.sort(BEST_FIRST);
        return ranked.stream().map(c -> new ScoredProduct(c.productId(), c.score())).toList();
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        final Set<Long> excluded = new HashSet<>();
        for (final UserInteraction interaction : state.interactions(userId)) {
            if (exclusion == Exclusion.INTERACTED || exclusion == Exclusion.PURCHASED && interaction.purchased()) {
                excluded.add(interaction.productId());
            }
        }
        final List<Long> candidates = new ArrayList<>();
        for (final Long product : state.content().productIds()) {
            if (!excluded.contains(product)) {
                candidates.add(product);
            }
        }
        return rank(userId, candidates);
    }
}
