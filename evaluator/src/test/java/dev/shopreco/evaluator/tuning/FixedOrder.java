package dev.shopreco.evaluator.tuning;

import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test model: the same order for everyone, minus the excluded products; a grid point of its own. */
record FixedOrder(String label, List<Long> order, RecoStateView state) implements Recommender, GridPoint {

    /** The grid point alone (no state yet). */
    static FixedOrder of(final String label, final Long... order) {
        return new FixedOrder(label, List.of(order), null);
    }

    /** This order over {@code view}. */
    FixedOrder over(final RecoStateView view) {
        return new FixedOrder(label, order, view);
    }

    @Override
    public Map<String, Object> describe() {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", label);
        return out;
    }

    @Override
    public String name() {
        return "FIXED";
    }

    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion) {
        final List<ScoredProduct> list = rankCatalog(userId, exclusion);
        return new Recommendation(userId, name(), list.subList(0, Math.min(n, list.size())), false);
    }

    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        final List<ScoredProduct> ranked = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            if (candidates.contains(order.get(i))) {
                ranked.add(new ScoredProduct(order.get(i), order.size() - i));
            }
        }
        return ranked;
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        final List<Long> candidates = new ArrayList<>(order);
        if (exclusion == Exclusion.INTERACTED) {
            for (final UserInteraction interaction : state.interactions(userId)) {
                candidates.remove(interaction.productId());
            }
        }
        return rank(userId, candidates);
    }
}
