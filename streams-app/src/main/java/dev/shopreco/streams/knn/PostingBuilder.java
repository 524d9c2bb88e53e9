package dev.shopreco.streams.knn;

import dev.shopreco.streams.state.UserInteraction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects, during one flush of the per-user aggregation, the posting changes its users' changed
 * contributions mean, by product ({@link PostingChanges}). It reads what the item Gram flush reads
 * (a user's counted products now and the products whose part changed), so it adds no store read.
 * Not thread-safe.
 */
public final class PostingBuilder {

    private final Map<Long, TreeMap<Long, Posting>> byProduct = new HashMap<>();

    /**
     * Adds one user's changes.
     *
     * @param current the products the user counts with now, with their current stats
     * @param before  the products whose part changed, each with its strength sum as last counted
     *                ({@code NaN}: it did not count); one here but not in {@code current} no longer counts
     */
    public void addChange(final long user, final List<UserInteraction> current, final Map<Long, Double> before) {
        final Map<Long, UserInteraction> now = new HashMap<>(current.size() * 2);
        current.forEach(product -> now.put(product.productId(), product));
        before.forEach((product, old) -> {
            final UserInteraction counted = now.get(product);
            if (counted != null) {
                put(product, user, counted.strengthSum(), counted.lastEventTime());
            } else if (!old.isNaN()) {
                put(product, user, Double.NaN, 0);
            }
        });
    }

    private void put(final long product, final long user, final double sum, final long time) {
        byProduct.computeIfAbsent(product, p -> new TreeMap<>()).put(user, new Posting(sum, time));
    }

    /** Whether no change was added. */
    public boolean isEmpty() {
        return byProduct.isEmpty();
    }

    /** The changes by product. */
    public Map<Long, PostingChanges> changes() {
        final Map<Long, PostingChanges> out = new TreeMap<>();
        byProduct.forEach((product, users) -> {
            final long[] ids = new long[users.size()];
            final double[] sums = new double[users.size()];
            final long[] times = new long[users.size()];
            int i = 0;
            for (final Map.Entry<Long, Posting> entry : users.entrySet()) {
                ids[i] = entry.getKey();
                sums[i] = entry.getValue().strengthSum();
                times[i] = entry.getValue().lastEventTime();
                i++;
            }
            out.put(product, new PostingChanges(ids, sums, times));
        });
        return out;
    }
}
