package dev.shopreco.streams.model;

import dev.shopreco.streams.content.CategoryGroup;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.SparseVector;
import dev.shopreco.streams.state.PopularityOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link ProductFilter} resolved against one content index, with the products a model leaves out
 * for the user ({@link Exclusion}): the one test every candidate of a list passes.
 */
public final class Restriction {

    private final ContentIndex index;
    private final Set<Long> excluded;
    private final List<String> levels;
    private final int[] terms;
    private final boolean impossible;

    private Restriction(final ContentIndex index, final Set<Long> excluded, final List<String> levels,
            final int[] terms, final boolean impossible) {
        this.index = index;
        this.excluded = excluded;
        this.levels = levels;
        this.terms = terms;
        this.impossible = impossible;
    }

    /** {@code filter} over {@code index}, leaving out {@code excluded} too. */
    public static Restriction of(final ContentIndex index, final ProductFilter filter, final Set<Long> excluded) {
        final Set<Long> all;
        if (filter.exclude().isEmpty()) {
            all = excluded;
        } else {
            all = new HashSet<>(excluded);
            all.addAll(filter.exclude());
        }
        final int[] terms = new int[filter.categories().size()];
        boolean impossible = false;
        for (int i = 0; i < terms.length; i++) {
            terms[i] = index.termId(filter.categories().get(i));
            // a level no product has: nothing passes
            impossible |= terms[i] < 0;
        }
        return new Restriction(index, all, filter.categories(), terms, impossible);
    }

    /** Whether {@code product} may be listed: in the catalog, in the category, not left out. */
    public boolean accepts(final long product) {
        return !impossible && !excluded.contains(product) && inCategory(index.vector(product));
    }

    /** Whether a group's products are in the category (they all share its vector). */
    public boolean accepts(final CategoryGroup group) {
        return !impossible && inCategory(group.vector());
    }

    /** Whether the product is left out by the user's exclusion or the filter's list. */
    public boolean excluded(final long product) {
        return excluded.contains(product);
    }

    /** The products left out by id. */
    public Set<Long> excluded() {
        return excluded;
    }

    /** Whether no product can pass (a category level the catalog does not have). */
    public boolean impossible() {
        return impossible;
    }

    /** Whether a category is asked for. */
    public boolean hasCategory() {
        return terms.length > 0;
    }

    /** The index the filter was resolved against. */
    public ContentIndex index() {
        return index;
    }

    /**
     * The products to walk for popular candidates, most popular first: those with the category's
     * rarest level, or the whole catalog when no category is asked for.
     */
    public PopularityOrder.Products popularCandidates(final PopularityOrder order) {
        if (terms.length == 0 || impossible) {
            return order.all();
        }
        PopularityOrder.Products best = null;
        for (final String level : levels) {
            // the order may have been built on an earlier catalog, whose terms are numbered differently
            final PopularityOrder.Products products = order.withTerm(order.index().termId(level));
            if (best == null || products.size() < best.size()) {
                best = products;
            }
        }
        return best;
    }

    /** The rarest level's products in ascending id (RANDOM permutes them), or null without a category. */
    public long[] categoryProducts() {
        long[] best = null;
        for (final int term : terms) {
            final long[] products = index.productsWithTerm(term);
            if (best == null || products.length < best.length) {
                best = products;
            }
        }
        return best;
    }

    private boolean inCategory(final SparseVector vector) {
        if (vector == null) {
            return false;
        }
        for (final int term : terms) {
            if (vector.get(term) == 0.0) {
                return false;
            }
        }
        return true;
    }
}
