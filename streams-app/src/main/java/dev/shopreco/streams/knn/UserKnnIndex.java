package dev.shopreco.streams.knn;

import dev.shopreco.streams.collaborative.Weighting;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

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
 * Memory: 12 bytes per posting per direction.
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
    private final long[] users;
    private final Map<Long, Integer> rowOf;
    private final long[] products;
    private final int[][] rowColumns;
    private final double[][] rowValues;
    private final int[][] columnRows;
    private final double[][] columnValues;
    private final double[] norms;
    private final long[] lastEventTimes;
    private final ThreadLocal<double[]> dots;

    private UserKnnIndex(final Postings postings, final Weighting weighting) {
        this.weighting = weighting;
        final SortedMap<Long, SortedMap<Long, Posting>> byProduct = postings.byProduct();
        this.products = byProduct.keySet().stream().mapToLong(Long::longValue).toArray();
        final Map<Long, Integer> rowCounts = new HashMap<>();
        byProduct.values().forEach(users -> users.keySet().forEach(u -> rowCounts.merge(u, 1, Integer::sum)));
        this.users = rowCounts.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        this.rowOf = new HashMap<>(users.length * 2);
        for (int r = 0; r < users.length; r++) {
            rowOf.put(users[r], r);
        }
        this.rowColumns = new int[users.length][];
        this.rowValues = new double[users.length][];
        this.lastEventTimes = new long[users.length];
        Arrays.fill(lastEventTimes, Long.MIN_VALUE);
        final int[] filled = new int[users.length];
        for (int r = 0; r < users.length; r++) {
            final int n = rowCounts.get(users[r]);
            rowColumns[r] = new int[n];
            rowValues[r] = new double[n];
        }
        this.columnRows = new int[products.length][];
        this.columnValues = new double[products.length][];
        int column = 0;
        // products ascending, so every row's columns come out ascending
        for (final SortedMap<Long, Posting> postingsOf : byProduct.values()) {
            final int n = postingsOf.size();
            columnRows[column] = new int[n];
            columnValues[column] = new double[n];
            int i = 0;
            // users ascending, so every column's rows ascend
            for (final Map.Entry<Long, Posting> entry : postingsOf.entrySet()) {
                final int row = rowOf.get(entry.getKey());
                final Posting posting = entry.getValue();
                final double value = weighting == Weighting.LOG ? posting.strength() : 1.0;
                columnRows[column][i] = row;
                columnValues[column][i] = value;
                i++;
                rowColumns[row][filled[row]] = column;
                rowValues[row][filled[row]++] = value;
                lastEventTimes[row] = Math.max(lastEventTimes[row], posting.lastEventTime());
            }
            column++;
        }
        this.norms = new double[users.length];
        for (int r = 0; r < users.length; r++) {
            double sum = 0.0;
            for (final double v : rowValues[r]) {
                sum += v * v;
            }
            norms[r] = Math.sqrt(sum);
        }
        this.dots = ThreadLocal.withInitial(() -> new double[users.length]);
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
        long n = 0;
        for (final int[] row : rowColumns) {
            n += row.length;
        }
        return n;
    }

    /** The user's row, or -1 when the user has no posting. */
    public int row(final long userId) {
        return rowOf.getOrDefault(userId, -1);
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
        final double[] acc = dots.get();
        final int[] columns = rowColumns[row];
        final double[] values = rowValues[row];
        // the rows touched, in the order first touched; each at most once
        int[] touched = new int[16];
        int count = 0;
        for (int j = 0; j < columns.length; j++) {
            final int[] others = columnRows[columns[j]];
            final double[] theirs = columnValues[columns[j]];
            final double mine = values[j];
            for (int o = 0; o < others.length; o++) {
                final int other = others[o];
                if (acc[other] == 0.0) {
                    if (count == touched.length) {
                        touched = Arrays.copyOf(touched, count * 2);
                    }
                    touched[count++] = other;
                }
                acc[other] += mine * theirs[o];
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
            final int[] columns = rowColumns[row];
            final double[] values = rowValues[row];
            for (int j = 0; j < columns.length; j++) {
                scores[columns[j]] += similarity * values[j];
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
