package dev.shopreco.streams.model;

import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Random products, the floor every model must beat. A product's score is a hash of (seed, user,
 * product), so the order is fixed per user and seed: the same question gets the same answer, and
 * ranking any candidate set agrees with the full ranking. With {@code perUser} off the user is left
 * out of the hash, which gives the original's one permutation of the catalog shared by all users.
 */
public final class RandomRecommender extends AbstractRecommender {

    private final long seed;
    private final boolean perUser;

    public RandomRecommender(final RecoStateView state, final long seed, final boolean perUser) {
        super(state);
        this.seed = seed;
        this.perUser = perUser;
    }

    @Override
    public String name() {
        return Recommenders.RANDOM;
    }

    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion) {
        final List<UserInteraction> interactions = state.interactions(userId);
        if (interactions.isEmpty()) {
            return popularityList(userId, n, excluded(interactions, exclusion), true);
        }
        final List<ScoredProduct> ranked = rankCatalog(userId, exclusion);
        return new Recommendation(userId, name(), ranked.subList(0, Math.min(n, ranked.size())), false);
    }

    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        final List<ScoredProduct> ranked = new ArrayList<>(candidates.size());
        for (final Long product : candidates) {
            ranked.add(new ScoredProduct(product, draw(perUser ? userId : 0L, product)));
        }
        ranked.sort(ScoredProduct.BEST_FIRST);
        return ranked;
    }

    /** A uniform draw in [0, 1) from (seed, user, product): SplitMix64's finaliser over a combined key. */
    private double draw(final long userId, final long productId) {
        long z = seed * 0x9E3779B97F4A7C15L + userId * 0xC2B2AE3D27D4EB4FL + productId * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
