package dev.shopreco.streams.state;

import dev.shopreco.streams.content.CategoryGroup;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.SparseVector;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog ordered by popularity (highest first, ties by ascending id), whole, per category
 * level and per category group ({@link ContentIndex#groups()}): where a filtered list, or the
 * content-based model's tier of equally scored groups, finds its popular products without ranking
 * the catalog. A walk for
 * n products of a category reads about n entries of that level's list. Immutable; built from one
 * content index and one reading of popularity, so a view may hand out an order a little older
 * than the popularity values, and callers re-score what they take from it.
 */
public final class PopularityOrder {

    /** A read-only sequence of product ids. */
    public static final class Products {
        private final long[] ids;

        Products(final long[] ids) {
            this.ids = ids;
        }

        /** The number of products. */
        public int size() {
            return ids.length;
        }

        /** The i-th product. */
        public long get(final int i) {
            return ids[i];
        }
    }

    private static final Products NONE = new Products(new long[0]);

    private final ContentIndex index;
    private final Products all;
    private final Products[] byTerm;
    private final Products[] byGroup;

    private PopularityOrder(final ContentIndex index, final Products all, final Products[] byTerm,
            final Products[] byGroup) {
        this.index = index;
        this.all = all;
        this.byTerm = byTerm;
        this.byGroup = byGroup;
    }

    /**
     * The order of {@code index}'s products by {@code popularity} (a product absent from the map: 0).
     * O(P log P + P·levels) for P products.
     */
    public static PopularityOrder of(final ContentIndex index, final Map<Long, Double> popularity) {
        final List<Long> ids = index.productIds();
        final int size = ids.size();
        final long[] products = new long[size];
        final double[] scores = new double[size];
        final Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            products[i] = ids.get(i);
            scores[i] = popularity.getOrDefault(products[i], 0.0);
            order[i] = i;
        }
        // ids ascend, so a stable sort by score keeps ties in ascending id
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        final long[] sorted = new long[size];
        final int[] counts = new int[index.termCount()];
        for (int i = 0; i < size; i++) {
            sorted[i] = products[order[i]];
            final SparseVector vector = index.vector(sorted[i]);
            for (int k = 0; k < vector.size(); k++) {
                counts[vector.index(k)]++;
            }
        }
        final long[][] lists = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            lists[t] = new long[counts[t]];
        }
        final int[] filled = new int[counts.length];
        for (final long product : sorted) {
            final SparseVector vector = index.vector(product);
            for (int k = 0; k < vector.size(); k++) {
                final int term = vector.index(k);
                lists[term][filled[term]++] = product;
            }
        }
        final Products[] byTerm = new Products[lists.length];
        for (int t = 0; t < lists.length; t++) {
            byTerm[t] = new Products(lists[t]);
        }
        return new PopularityOrder(index, new Products(sorted), byTerm, byGroup(index, sorted));
    }

    /** Each group's products in the order of {@code sorted}. */
    private static Products[] byGroup(final ContentIndex index, final long[] sorted) {
        final List<CategoryGroup> groups = index.groups();
        final Map<Long, Integer> groupOf = new HashMap<>();
        final long[][] lists = new long[groups.size()][];
        for (final CategoryGroup group : groups) {
            lists[group.id()] = new long[group.products().length];
            for (final long product : group.products()) {
                groupOf.put(product, group.id());
            }
        }
        final int[] filled = new int[groups.size()];
        for (final long product : sorted) {
            final Integer group = groupOf.get(product);
            if (group != null) {
                lists[group][filled[group]++] = product;
            }
        }
        final Products[] byGroup = new Products[lists.length];
        for (int g = 0; g < lists.length; g++) {
            byGroup[g] = new Products(Arrays.copyOf(lists[g], filled[g]));
        }
        return byGroup;
    }

    /** The index this order was built on. */
    public ContentIndex index() {
        return index;
    }

    /** Every catalog product, most popular first. */
    public Products all() {
        return all;
    }

    /** The products of the group {@code groupId} of {@link #index()}, most popular first (none if unknown). */
    public Products inGroup(final int groupId) {
        return groupId < 0 || groupId >= byGroup.length ? NONE : byGroup[groupId];
    }

    /** The products with the level {@code termId} of {@link #index()}, most popular first (none for -1). */
    public Products withTerm(final int termId) {
        return termId < 0 || termId >= byTerm.length ? NONE : byTerm[termId];
    }
}
