package dev.shopreco.streams.model;

import dev.shopreco.streams.content.CategoryTokens;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a list may contain beyond the model's own rules: products of a category (every level given,
 * matched as the catalog's {@code ;}-separated levels are: trimmed, case-insensitive, a whole level),
 * and not the products named (e.g. the cart). A filtered list still has n products when the catalog
 * has that many that pass, and never holds one that does not.
 *
 * @param categories category levels a product must all have (normalised as {@link CategoryTokens}); empty: any
 * @param exclude    product ids left out
 */
public record ProductFilter(List<String> categories, Set<Long> exclude) {

    /** No filter. */
    public static final ProductFilter NONE = new ProductFilter(List.of(), Set.of());

    public ProductFilter {
        categories = List.copyOf(categories);
        exclude = Set.copyOf(exclude);
    }

    /**
     * A filter from request values.
     *
     * @param category one level, or several separated by {@code ;} (all must match); null or blank: any
     * @param exclude  product ids to leave out
     */
    public static ProductFilter of(final String category, final Collection<Long> exclude) {
        final List<String> levels = category == null ? List.of() : CategoryTokens.of(category);
        return levels.isEmpty() && exclude.isEmpty() ? NONE : new ProductFilter(levels, Set.copyOf(exclude));
    }

    /** Whether nothing is filtered. */
    public boolean isNone() {
        return categories.isEmpty() && exclude.isEmpty();
    }
}
