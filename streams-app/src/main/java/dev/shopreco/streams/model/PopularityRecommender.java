package dev.shopreco.streams.model;

import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The same list for everyone, by popularity (sum over users of s(u,p)); ties by product id. */
public final class PopularityRecommender extends AbstractRecommender {

    public PopularityRecommender(final RecoStateView state) {
        super(state);
    }

    @Override
    public String name() {
        return Recommenders.POPULARITY;
    }

    /** The {@code n} most popular catalog products that pass {@code filter}, with their popularity: no user's list. */
    public static List<ScoredProduct> popular(final RecoStateView state, final int n, final ProductFilter filter) {
        return PopularityList.top(state, n, Restriction.of(state.content(), filter, Set.of()), new ArrayList<>());
    }

    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion,
            final ProductFilter filter) {
        final List<UserInteraction> interactions = state.interactions(userId);
        return popularityList(userId, n, restriction(interactions, exclusion, filter), interactions.isEmpty());
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
