package dev.shopreco.streams.knn;

import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.state.Strength;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The user x product matrix X of the published {@link Postings}, with one {@link Weighting}, sparse
 * both ways: a row per user with a posting (ascending id), a column per product with postings
 * (ascending id), {@code X[u][p]} the pair's weighted strength. Finds a user's most similar users
 * (cosine over rows) through the users sharing a product with them, never over all pairs of users.
 * Immutable; {@link #neighbours} may be called from several threads.
 *
 * <p>This is the offline user-kNN's computation (evaluator's {@code UserSimilarity}, {@code UserKnn})
 * on the rows the postings give: the same summation order, so where the postings hold every user's
 * whole history the similarities and scores are the same to the last bit.
 *
 * <p>Cost: building reads every posting once (P = postings, at most N x M); one user's neighbours
 * cost the postings of the products in their row (at most H x M multiply-adds, whatever the number of
 * users), so the neighbours of every user cost at most {@code sum over products of users²} <= N x M².
 * Memory: 12 bytes per posting per direction (the postings in compressed sparse rows and columns),
 * plus one accumulator of 8 bytes a user per concurrent {@link #neighbours} call.
 */
public final class UserKnnIndex {

    /** A user's neighbours: rows of the index and similarities, most similar first (ties: smaller user id). */
    public record Neighbours(int[] rows, double[] similarities) {

        static final Neighbours NONE = new Neighbours(new int[0], new double[0]);

        public int size() {
            return rows.length;
        }
    }

    private final Weighting weighting;
    /** The users with a posting, ascending: row r is users[r]. */
    private final long[] users;
    private final long[] products;
    /** Row r's postings are at [rowStarts[r], rowStarts[r + 1]) of rowColumns / rowValues, columns ascending. */
    private final int[] rowStarts;
    private final int[] rowColumns;
    private final double[] rowValues;
    /** Column c's postings are at [columnStarts[c], columnStarts[c + 1]) of columnRows / columnValues, rows ascending. */
    private final int[] columnStarts;
    private final int[] columnRows;
    private final double[] columnValues;
    private final double[] norms;
    private final long[] lastEventTimes;
    /** Zeroed accumulators of one row's dot products, one per concurrent {@link #neighbours} call at most. */
    private final ConcurrentLinkedQueue<double[]> scratch = new ConcurrentLinkedQueue<>();

    private UserKnnIndex(final Postings postings, final Weighting weighting) {
        this.weighting = weighting;
        final int size = postings.size();
        final long[] postingUsers = postings.users();
        final double[] sums = postings.strengthSums();
        final long[] times = postings.lastEventTimes();
        this.products = new long[postings.products()];
        for (int c = 0; c < products.length; c++) {
            products[c] = postings.product(c);
        }
        this.users = Arrays.stream(postingUsers).sorted().distinct().toArray();
        this.columnStarts = postings.starts().clone();
        this.columnRows = new int[size];
        this.columnValues = new double[size];
        this.rowStarts = new int[users.length + 1];
        this.lastEventTimes = new long[users.length];
        Arrays.fill(lastEventTimes, Long.MIN_VALUE);
        for (int i = 0; i < size; i++) {
            final int row = Arrays.binarySearch(users, postingUsers[i]);
            columnRows[i] = row;
            columnValues[i] = weighting == Weighting.LOG ? Strength.smoothed(sums[i]) : 1.0;
            rowStarts[row + 1]++;
            lastEventTimes[row] = Math.max(lastEventTimes[row], times[i]);
        }
        for (int r = 0; r < users.length; r++) {
            rowStarts[r + 1] += rowStarts[r];
        }
        this.rowColumns = new int[size];
        this.rowValues = new double[size];
        final int[] filled = Arrays.copyOf(rowStarts, users.length);
        // columns ascending, so every row's columns come out ascending
        for (int c = 0; c < products.length; c++) {
            for (int i = columnStarts[c]; i < columnStarts[c + 1]; i++) {
                final int at = filled[columnRows[i]]++;
                rowColumns[at] = c;
                rowValues[at] = columnValues[i];
            }
        }
        this.norms = new double[users.length];
        for (int r = 0; r < users.length; r++) {
            double sum = 0.0;
            for (int i = rowStarts[r]; i < rowStarts[r + 1]; i++) {
                sum += rowValues[i] * rowValues[i];
            }
            norms[r] = Math.sqrt(sum);
        }
    }

    /** The index of these postings with this weighting. */
    public static UserKnnIndex of(final Postings postings, final Weighting weighting) {
        return new UserKnnIndex(postings, weighting);
    }

    public Weighting weighting() {
        return weighting;
    }

    /** The number of users (rows). */
    public int users() {
        return users.length;
    }

    /** The number of postings. */
    public long postings() {
        return rowColumns.length;
    }

    /** The user's row, or -1 when the user has no posting. */
    public int row(final long userId) {
        final int row = Arrays.binarySearch(users, userId);
        return row < 0 ? -1 : row;
    }

    /**
     * The bytes this index holds: 24 a posting (its column and value in both directions) and 28 a
     * user, plus the scratch of one accumulator (8 bytes a user) per concurrent {@link #neighbours} call.
     */
    public long bytes() {
        return 24L * rowColumns.length + 28L * users.length + 12L * products.length
                + 8L * users.length * scratch.size();
    }

    /** The user of a row. */
    public long user(final int row) {
        return users[row];
    }

    /** The latest event time of the row's postings: how recently the user was active on published pairs. */
    public long lastEventTime(final int row) {
        return lastEventTimes[row];
    }

    /**
     * The row's {@code k} most similar other rows with a positive cosine, most similar first, ties by
     * ascending user id. Work: the postings of the products in the row.
     */
    public Neighbours neighbours(final int row, final int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        final double[] polled = scratch.poll();
        final double[] acc = polled != null ? polled : new double[users.length];
        // the rows touched, in the order first touched; each at most once
        int[] touched = new int[16];
        int count = 0;
        for (int j = rowStarts[row]; j < rowStarts[row + 1]; j++) {
            final int column = rowColumns[j];
            final double mine = rowValues[j];
            for (int o = columnStarts[column]; o < columnStarts[column + 1]; o++) {
                final int other = columnRows[o];
                if (acc[other] == 0.0) {
                    if (count == touched.length) {
                        touched = Arrays.copyOf(touched, count * 2);
                    }
                    touched[count++] = other;
                }
                acc[other] += mine * columnValues[o];
            }
        }
        final TopK top = new TopK(k);
        for (int t = 0; t < count; t++) {
            final int other = touched[t];
            final double dot = acc[other];
            acc[other] = 0.0;
            if (other != row && dot > 0.0) {
                top.offer(other, dot / (norms[row] * norms[other]));
            }
        }
        // every touched cell is zero again: the accumulator goes back as it came
        scratch.offer(acc);
        return top.sorted();
    }

    /**
     * Scores of the products for a user with these neighbours (the first {@code k} of them):
     * {@code Σ sim(u,v)·X[v][p]}, positive ones only, by product id.
     */
    public Map<Long, Double> scores(final Neighbours neighbours, final int k) {
        final int n = Math.min(k, neighbours.size());
        if (n == 0) {
            return Map.of();
        }
        final double[] scores = new double[products.length];
        for (int i = 0; i < n; i++) {
            final int row = neighbours.rows()[i];
            final double similarity = neighbours.similarities()[i];
            for (int j = rowStarts[row]; j < rowStarts[row + 1]; j++) {
                scores[rowColumns[j]] += similarity * rowValues[j];
            }
        }
        final Map<Long, Double> out = new HashMap<>();
        for (int c = 0; c < scores.length; c++) {
            if (scores[c] > 0.0) {
                out.put(products[c], scores[c]);
            }
        }
        return out;
    }

    /**
     * The k best (similarity, row) pairs seen, as a binary heap with the worst on top: most similar
     * wins, ties to the smaller user id.
     */
    private final class TopK {
        private final int k;
        private int[] rows;
        private double[] sims;
        private int size;

        TopK(final int k) {
            this.k = k;
            this.rows = new int[Math.min(k, 64)];
            this.sims = new double[rows.length];
        }

        /** Whether (a) ranks after (b). */
        private boolean worse(final double simA, final int rowA, final double simB, final int rowB) {
            return simA != simB ? simA < simB : users[rowA] > users[rowB];
        }

        void offer(final int row, final double sim) {
            if (size < k) {
                if (size == rows.length) {
                    rows = Arrays.copyOf(rows, Math.min(k, size * 2));
                    sims = Arrays.copyOf(sims, rows.length);
                }
                rows[size] = row;
                sims[size] = sim;
                up(size++);
            } else if (worse(sims[0], rows[0], sim, row)) {
                rows[0] = row;
                sims[0] = sim;
                down(0);
            }
        }

        private void up(int i) {
            while (i > 0) {
                final int parent = (i - 1) / 2;
                if (!worse(sims[i], rows[i], sims[parent], rows[parent])) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                final int left = 2 * i + 1;
                if (left >= size) {
                    return;
                }
                int worst = left;
                final int right = left + 1;
                if (right < size && worse(sims[right], rows[right], sims[left], rows[left])) {
                    worst = right;
                }
                if (!worse(sims[worst], rows[worst], sims[i], rows[i])) {
                    return;
                }
                swap(i, worst);
                i = worst;
            }
        }

        private void swap(final int a, final int b) {
            final int r = rows[a];
            rows[a] = rows[b];
            rows[b] = r;
            final double s = sims[a];
            sims[a] = sims[b];
            sims[b] = s;
        }

        Neighbours sorted() {
            final int[] outRows = new int[size];
            final double[] outSims = new double[size];
            for (int i = size - 1; i >= 0; i--) {
                outRows[i] = rows[0];
                outSims[i] = sims[0];
                size--;
                if (size > 0) {
                    rows[0] = rows[size];
                    sims[0] = sims[size];
                    down(0);
                }
            }
            return outRows.length == 0 ? Neighbours.NONE : new Neighbours(outRows, outSims);
        }
    }
}
