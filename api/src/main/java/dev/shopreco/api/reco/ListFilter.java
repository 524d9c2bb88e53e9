package dev.shopreco.api.reco;

import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.ProductFilter;

/**
 * A request's filters on a list: the products it may hold, and which of the user's own products it
 * leaves out ({@code exclusion}, null: the configured {@code RECO_EXCLUSION}).
 *
 * @param products  category and excluded products
 * @param exclusion the request's exclusion, or null for the configured one
 */
public record ListFilter(ProductFilter products, Exclusion exclusion) {

    /** No filter: the configured exclusion, every product. */
    public static final ListFilter NONE = new ListFilter(ProductFilter.NONE, null);

    public ListFilter {
        if (products == null) {
            throw new IllegalArgumentException("products filter is required (ProductFilter.NONE for none)");
        }
    }

    /** The exclusion in force: the request's, else {@code configured}. */
    public Exclusion exclusionOr(final Exclusion configured) {
        return exclusion == null ? configured : exclusion;
    }
}
