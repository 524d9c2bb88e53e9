package dev.shopreco.streams.model;

import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The same list for everyone, by popularity (sum over users of s(u,p)); ties by product id. */
public final class PopularityRecommender extends AbstractRecommender {

    public PopularityRecommender(final RecoStateView state) {
        super(state);
    }

    @Override
    public String name() {
        return Recommenders.POPULARITY;
    }

    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion) {
        final List<UserInteraction> interactions = state.interactions(userId);
        return popularityList(userId, n, excluded(interactions, exclusion), interactions.isEmpty());
    }

    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        final List<ScoredProduct> ranked = new ArrayList<>(candidates.size());
        for (final Long product : candidates) {
            ranked.add(new ScoredProduct(product, state.popularity(product)));
        }
        ranked.sort(ScoredProduct.BEST_FIRST);
        return ranked;
    }
}
