package dev.shopreco.streams.model;

import dev.shopreco.streams.state.PopularityOrder;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills a list with the most popular products that pass a {@link Restriction} and are not yet in it.
 * Reads the top-K list first (one small value, exact); only when the restriction uses it up does it
 * walk the {@link PopularityOrder} (the category's rarest level, or the catalog), reading about as
 * many entries as it still needs, never the whole catalog. That order may be a little older than
 * the popularity values, so twice the products still needed are taken from it and ranked again by
 * their current popularity.
 */
final class PopularityList {

    private PopularityList() {
    }

    /** {@code head} followed by popular products passing {@code restriction}, up to {@code n} entries (scores: popularity). */
    static List<ScoredProduct> top(final RecoStateView state, final int n, final Restriction restriction,
            final List<ScoredProduct> head) {
        final Set<Long> taken = new HashSet<>();
        head.forEach(p -> taken.add(p.productId()));
        final List<ScoredProduct> list = new ArrayList<>(head);
        if (list.size() >= n || restriction.impossible()) {
            return list;
        }
        final List<ScoredProduct> top = state.topPopular();
        for (final ScoredProduct candidate : top) {
            if (list.size() >= n) {
                return list;
            }
            if (restriction.accepts(candidate.productId()) && taken.add(candidate.productId())) {
                list.add(candidate);
            }
        }
        if (list.size() < n) {
            fillFromOrder(state, n, restriction, top, taken, list);
        }
        return list;
    }

    private static void fillFromOrder(final RecoStateView state, final int n, final Restriction restriction,
            final List<ScoredProduct> top, final Set<Long> taken, final List<ScoredProduct> list) {
        final Set<Long> inTop = new HashSet<>();
        top.forEach(p -> inTop.add(p.productId()));
        final int needed = n - list.size();
        final PopularityOrder.Products walk = restriction.popularCandidates(state.popularityOrder());
        final List<ScoredProduct> candidates = new ArrayList<>(2 * needed);
        for (int i = 0; i < walk.size() && candidates.size() < 2 * needed; i++) {
            final long product = walk.get(i);
            // the top-K list's products were all considered above
            if (!inTop.contains(product) && !taken.contains(product) && restriction.accepts(product)) {
                candidates.add(new ScoredProduct(product, state.popularity(product)));
            }
        }
        candidates.sort(ScoredProduct.BEST_FIRST);
        for (final ScoredProduct candidate : candidates.subList(0, Math.min(needed, candidates.size()))) {
            taken.add(candidate.productId());
            list.add(candidate);
        }
    }
}
