package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.state.Strength;
import dev.shopreco.streams.state.UserInteraction;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums users' contributions to the item Gram matrices ({@link GramRow}): a whole user at once
 * ({@link #addUser}, the batch computation), or the change of a user's contribution after some of
 * their products changed ({@link #addChange}, the topology's periodic update). Not thread-safe.
 *
 * <p>Cells are dense arrays over the products seen so far (a product id gets an index on first
 * sight), so adding a cell is an array update: the flush of a backlog adds millions of them (a
 * tree map per row spent 36 % of the stream thread on it). Memory: 16 bytes per (row, product seen)
 * pair, i.e. at most 16 · P² bytes for the P products in the histories added (319 products: 1.6 MB).
 */
public final class GramBuilder {

    private final Map<Long, Integer> index = new HashMap<>();
    private long[] ids = new long[64];
    private double[][] weighted = new double[64][];
    private long[][] users = new long[64][];

    /** Adds {@code s(u,p)·s(u,q)} and one user to (p, q) for every pair of the user's products, p = q included. */
    public void addUser(final List<UserInteraction> products) {
        final int n = products.size();
        final int[] at = new int[n];
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            at[i] = indexOf(products.get(i).productId());
            x[i] = products.get(i).strength();
        }
        for (int i = 0; i < n; i++) {
            final int row = at[i];
            final double[] w = rowWeighted(row);
            final long[] u = users[row];
            for (int j = 0; j < n; j++) {
                w[at[j]] += x[i] * x[j];
                u[at[j]]++;
            }
        }
    }

    /**
     * Adds the change of one user's contribution, {@code x'x'ᵀ − xxᵀ}, where x' is the user's products
     * now and x the same before the changes: entries (p, q) with p or q among the changed products.
     * Cost O(changed × products of the user).
     *
     * @param current every product of the user now, with its raw strength sum
     * @param before  for each product that changed: its raw strength sum before, or {@code NaN} if the
     *                user had not touched it; a product missing from {@code current} is ignored
     */
    public void addChange(final List<UserInteraction> current, final Map<Long, Double> before) {
        final int n = current.size();
        final int[] at = new int[n];
        final double[] now = new double[n];
        final double[] was = new double[n];
        final long[] wasTouched = new long[n];
        final boolean[] changed = new boolean[n];
        for (int i = 0; i < n; i++) {
            final UserInteraction product = current.get(i);
            at[i] = indexOf(product.productId());
            now[i] = product.strength();
            final Double old = before.get(product.productId());
            changed[i] = old != null;
            if (old == null) {
                was[i] = now[i];
                wasTouched[i] = 1;
            } else if (!old.isNaN()) {
                was[i] = Strength.smoothed(old);
                wasTouched[i] = 1;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!changed[i]) {
                continue;
            }
            final int row = at[i];
            final double[] w = rowWeighted(row);
            final long[] u = users[row];
            for (int j = 0; j < n; j++) {
                final double dw = now[i] * now[j] - was[i] * was[j];
                final long du = 1 - wasTouched[i] * wasTouched[j];
                w[at[j]] += dw;
                u[at[j]] += du;
                if (!changed[j]) {
                    final int other = at[j];
                    rowWeighted(other)[row] += dw;
                    users[other][row] += du;
                }
            }
        }
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return index.isEmpty();
    }

    /** The rows summed so far, by product, ascending; cells with no user and no weight are left out. */
    public TreeMap<Long, GramRow> rows() {
        final int n = index.size();
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
        final TreeMap<Long, GramRow> out = new TreeMap<>();
        final long[] columns = new long[n];
        final double[] w = new double[n];
        final long[] u = new long[n];
        for (int row = 0; row < n; row++) {
            if (weighted[row] == null) {
                continue;
            }
            int size = 0;
            for (final int column : order) {
                if (column < weighted[row].length
                        && (users[row][column] != 0 || weighted[row][column] != 0.0)) {
                    columns[size] = ids[column];
                    w[size] = weighted[row][column];
                    u[size] = users[row][column];
                    size++;
                }
            }
            if (size > 0) {
                out.put(ids[row], GramRow.of(Arrays.copyOf(columns, size), Arrays.copyOf(w, size),
                        Arrays.copyOf(u, size)));
            }
        }
        return out;
    }

    /** The Gram rows of these users' histories, computed at once (the batch reference of the topology's rows). */
    public static TreeMap<Long, GramRow> of(final Collection<List<UserInteraction>> users) {
        final GramBuilder builder = new GramBuilder();
        users.forEach(builder::addUser);
        return builder.rows();
    }

    private int indexOf(final long product) {
        final Integer known = index.get(product);
        if (known != null) {
            return known;
        }
        final int at = index.size();
        if (at == ids.length) {
            ids = Arrays.copyOf(ids, at * 2);
            weighted = Arrays.copyOf(weighted, at * 2);
            users = Arrays.copyOf(users, at * 2);
        }
        ids[at] = product;
        index.put(product, at);
        return at;
    }

    /** Row {@code row}'s weighted cells, allocated or grown to cover every product indexed so far (users alike). */
    private double[] rowWeighted(final int row) {
        final int size = index.size();
        if (weighted[row] == null) {
            weighted[row] = new double[Math.max(size, 16)];
            users[row] = new long[Math.max(size, 16)];
        } else if (weighted[row].length < size) {
            final int capacity = Math.max(size, weighted[row].length * 2);
            weighted[row] = Arrays.copyOf(weighted[row], capacity);
            users[row] = Arrays.copyOf(users[row], capacity);
        }
        return weighted[row];
    }
}
