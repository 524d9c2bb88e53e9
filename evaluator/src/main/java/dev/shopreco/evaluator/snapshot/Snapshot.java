package dev.shopreco.evaluator.snapshot;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an evaluation runs on: the cleaned, weighted interactions (the content of
 * {@code shop.interactions}) in {@link CanonicalOrder}, the catalog by ascending id, and where both
 * came from.
 *
 * @param interactions every interaction, in canonical order
 * @param catalog      product id to product
 * @param origin       the source, for the results
 */
public record Snapshot(List<Interaction> interactions, Map<Long, Product> catalog, SnapshotOrigin origin) {

    public Snapshot {
        final List<Interaction> sorted = new ArrayList<>(interactions);
        sorted.sort(CanonicalOrder.ORDER);
        interactions = Collections.unmodifiableList(sorted);
        catalog = Collections.unmodifiableMap(new TreeMap<>(catalog));
    }

    /** A snapshot of these interactions and products (if an id repeats, the last product wins). */
    public static Snapshot of(final Collection<Interaction> interactions, final Collection<Product> products,
            final SnapshotOrigin origin) {
        final Map<Long, Product> catalog = new TreeMap<>();
        products.forEach(p -> catalog.put(p.productId(), p));
        return new Snapshot(List.copyOf(interactions), catalog, origin);
    }

    /** The same interactions and catalog, with another origin (e.g. once saved to a file). */
    public Snapshot withOrigin(final SnapshotOrigin other) {
        return new Snapshot(interactions, catalog, other);
    }
}
