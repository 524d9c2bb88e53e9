package dev.shopreco.evaluator.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Cosine similarities between the users (rows) of a {@link StrengthMatrix}: each user's most similar
 * other users with a positive similarity, ties by ascending user id so the order is reproducible.
 * A user's list is computed on first use through an inverted index (product to users), so the cost
 * follows the users who share a product, and kept (at most {@code maxNeighbours} entries), so that
 * tuning k over a grid and asking both variants computes each list once.
 */
public final class UserSimilarity {

    /** A neighbour (by row) and its cosine similarity. */
    public record Neighbour(int row, long userId, double similarity) {
    }

    private static final Comparator<Neighbour> MOST_SIMILAR = Comparator.comparingDouble(Neighbour::similarity)
            .reversed().thenComparingLong(Neighbour::userId);

    private final StrengthMatrix x;
    private final int maxNeighbours;
    private final double[] norms;
    private final int[][] usersOf;
    private final double[][] valuesOf;
    private final AtomicReferenceArray<List<Neighbour>> lists;

    private UserSimilarity(final StrengthMatrix x, final int maxNeighbours) {
        this.x = x;
        this.maxNeighbours = maxNeighbours;
        this.norms = new double[x.rows()];
        this.lists = new AtomicReferenceArray<>(x.rows());
        final int[] counts = new int[x.columns()];
        for (int r = 0; r < x.rows(); r++) {
            double sum = 0.0;
            for (final double v : x.valuesOf(r)) {
                sum += v * v;
            }
            norms[r] = Math.sqrt(sum);
            for (final int c : x.columnsOf(r)) {
                counts[c]++;
            }
        }
        this.usersOf = new int[x.columns()][];
        this.valuesOf = new double[x.columns()][];
        for (int c = 0; c < x.columns(); c++) {
            usersOf[c] = new int[counts[c]];
            valuesOf[c] = new double[counts[c]];
            counts[c] = 0;
        }
        for (int r = 0; r < x.rows(); r++) {
            final int[] columns = x.columnsOf(r);
            final double[] values = x.valuesOf(r);
            for (int j = 0; j < columns.length; j++) {
                final int c = columns[j];
                usersOf[c][counts[c]] = r;
                valuesOf[c][counts[c]++] = values[j];
            }
        }
    }

    /** Similarities over {@code x}, keeping up to {@code maxNeighbours} (>= 1) per user. */
    public static UserSimilarity of(final StrengthMatrix x, final int maxNeighbours) {
        if (maxNeighbours < 1) {
            throw new IllegalArgumentException("maxNeighbours must be at least 1, got " + maxNeighbours);
        }
        return new UserSimilarity(x, maxNeighbours);
    }

    /** The matrix the similarities are over. */
    public StrengthMatrix matrix() {
        return x;
    }

    /** The most neighbours a list holds. */
    public int maxNeighbours() {
        return maxNeighbours;
    }

    /** The user's neighbours, most similar first (at most {@link #maxNeighbours()}). */
    public List<Neighbour> neighbours(final int row) {
        final List<Neighbour> cached = lists.get(row);
        if (cached != null) {
            return cached;
        }
        // two threads may compute the same list; both get equal lists, so the race is harmless
        final List<Neighbour> computed = compute(row);
        lists.compareAndSet(row, null, computed);
        return lists.get(row);
    }

    private List<Neighbour> compute(final int row) {
        final double[] dots = new double[x.rows()];
        final int[] columns = x.columnsOf(row);
        final double[] values = x.valuesOf(row);
        for (int j = 0; j < columns.length; j++) {
            final int[] others = usersOf[columns[j]];
            final double[] theirs = valuesOf[columns[j]];
            for (int o = 0; o < others.length; o++) {
                dots[others[o]] += values[j] * theirs[o];
            }
        }
        final List<Neighbour> all = new ArrayList<>();
        for (int v = 0; v < dots.length; v++) {
            if (v != row && dots[v] > 0.0) {
                all.add(new Neighbour(v, x.user(v), dots[v] / (norms[row] * norms[v])));
            }
        }
        all.sort(MOST_SIMILAR);
        return List.copyOf(all.subList(0, Math.min(maxNeighbours, all.size())));
    }
}
