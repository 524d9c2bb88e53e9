package dev.shopreco.streams.model;

import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills a list with the most popular catalog products not yet in it and not excluded. Reads the
 * top-K list (one small value); only when exclusions use it up does it rank the whole catalog,
 * which a K well above N keeps rare.
 */
final class PopularityList {

    private PopularityList() {
    }

    /** {@code head} followed by popular products, up to {@code n} entries (scores: popularity). */
    static List<ScoredProduct> top(final RecoStateView state, final int n, final Set<Long> excluded,
            final List<ScoredProduct> head) {
        final Set<Long> taken = new HashSet<>(excluded);
        head.forEach(p -> taken.add(p.productId()));
        final List<ScoredProduct> list = new ArrayList<>(head);
        final List<ScoredProduct> top = state.topPopular();
        for (final ScoredProduct candidate : top) {
            if (list.size() >= n) {
                return list;
            }
            if (state.content().contains(candidate.productId()) && taken.add(candidate.productId())) {
                list.add(candidate);
            }
        }
        if (list.size() < n) {
            fillFromCatalog(state, n, taken, list);
        }
        return list;
    }

    private static void fillFromCatalog(final RecoStateView state, final int n, final Set<Long> taken,
            final List<ScoredProduct> list) {
        final List<ScoredProduct> rest = new ArrayList<>();
        for (final Long product : state.content().productIds()) {
            if (!taken.contains(product)) {
                rest.add(new ScoredProduct(product, state.popularity(product)));
            }
        }
        rest.sort(ScoredProduct.BEST_FIRST);
        for (final ScoredProduct candidate : rest) {
            if (list.size() >= n) {
                return;
            }
            list.add(candidate);
        }
    }
}
