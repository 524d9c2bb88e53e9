package dev.shopreco.streams.content;

import dev.shopreco.streams.state.UserInteraction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's content profile (docs/design.md §3): the mean of the TF-IDF vectors of the user's products
 * weighted by {@code s(u,p)}, L2-normalised. Derived at read time from the user's interactions and
 * the current catalog, so it follows both new events and catalog changes.
 *
 * <p>Products not (or no longer) in the catalog have no vector and are left out of the mean. The
 * sums run over the interactions in ascending product order, so equal inputs give equal bits.
 */
public final class UserProfile {

    private UserProfile() {
    }

    /** The profile; the zero vector if no product of the user has a vector. */
    public static SparseVector of(final List<UserInteraction> interactions, final ContentIndex index) {
        final Map<Integer, Double> sum = new TreeMap<>();
        double weights = 0.0;
        for (final UserInteraction interaction : interactions) {
            final SparseVector vector = index.vector(interaction.productId());
            final double weight = interaction.strength();
            if (vector == null || weight == 0.0) {
                continue;
            }
            for (int i = 0; i < vector.size(); i++) {
                sum.merge(vector.index(i), weight * vector.value(i), Double::sum);
            }
            weights += weight;
        }
        if (weights == 0.0) {
            return SparseVector.ZERO;
        }
        final double total = weights;
        sum.replaceAll((term, value) -> value / total);
        return SparseVector.of(sum).normalized();
    }
}
