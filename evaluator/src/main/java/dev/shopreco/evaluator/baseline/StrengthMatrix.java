package dev.shopreco.evaluator.baseline;

import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.state.InMemoryState;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The user x product matrix X of a training set, sparse by rows: one row per user with
 * interactions (ascending id), one column per product somebody touched (ascending id), X[u][i] the
 * {@link Weighting} of the pair. Products nobody touched have no column, so the baselines score them
 * 0. Rows stay sparse because users touch a small part of a real catalog; only item x item products
 * (EASE's Gram matrix) are dense.
 */
public final class StrengthMatrix {

    private final long[] users;
    private final long[] items;
    private final Map<Long, Integer> rowOf;
    private final Map<Long, Integer> columnOf;
    private final int[][] columns;
    private final double[][] values;

    private StrengthMatrix(final long[] users, final long[] items, final int[][] columns, final double[][] values) {
        this.users = users;
        this.items = items;
        this.columns = columns;
        this.values = values;
        this.rowOf = index(users);
        this.columnOf = index(items);
    }

    /** The matrix of every user's interactions in {@code state}. */
    public static StrengthMatrix of(final InMemoryState state, final Weighting weighting) {
        final List<Long> userIds = new ArrayList<>(state.users());
        final TreeSet<Long> itemIds = new TreeSet<>();
        userIds.forEach(u -> state.interactions(u).forEach(i -> itemIds.add(i.productId())));
        final long[] items = itemIds.stream().mapToLong(Long::longValue).toArray();
        final Map<Long, Integer> columnOf = index(items);
        final int[][] columns = new int[userIds.size()][];
        final double[][] values = new double[userIds.size()][];
        for (int r = 0; r < userIds.size(); r++) {
            // the state lists a user's products in ascending id, so each row's columns ascend too
            final List<UserInteraction> row = state.interactions(userIds.get(r));
            columns[r] = new int[row.size()];
            values[r] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                columns[r][j] = columnOf.get(row.get(j).productId());
                values[r][j] = weighting.value(row.get(j));
            }
        }
        return new StrengthMatrix(userIds.stream().mapToLong(Long::longValue).toArray(), items, columns, values);
    }

    /** Number of users. */
    public int rows() {
        return users.length;
    }

    /** Number of products with a column. */
    public int columns() {
        return items.length;
    }

    /** The user's row, or -1 if the user has no interactions. */
    public int row(final long userId) {
        return rowOf.getOrDefault(userId, -1);
    }

    /** The product's column, or -1 if nobody touched it. */
    public int column(final long productId) {
        return columnOf.getOrDefault(productId, -1);
    }

    /** The user of a row. */
    public long user(final int row) {
        return users[row];
    }

    /** The columns of a row's non-zero entries, ascending. */
    public int[] columnsOf(final int row) {
        return columns[row];
    }

    /** The values of a row's non-zero entries, in the order of {@link #columnsOf}. */
    public double[] valuesOf(final int row) {
        return values[row];
    }

    /** {@code XᵀX}, dense (columns x columns); rows are added in ascending user order. */
    public double[][] gram() {
        final double[][] g = new double[items.length][items.length];
        for (int r = 0; r < users.length; r++) {
            final int[] c = columns[r];
            final double[] v = values[r];
            for (int a = 0; a < c.length; a++) {
                for (int b = a; b < c.length; b++) {
                    g[c[a]][c[b]] += v[a] * v[b];
                }
            }
        }
        for (int i = 0; i < items.length; i++) {
            for (int j = 0; j < i; j++) {
                g[i][j] = g[j][i];
            }
        }
        return g;
    }

    private static Map<Long, Integer> index(final long[] ids) {
        final Map<Long, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }
}
