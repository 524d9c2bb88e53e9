package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.state.Strength;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums users' contributions to the item Gram matrices ({@link GramRow}): a whole user at once
 * ({@link #addUser}, the batch computation), or the change of a user's contribution after some of
 * the products it counts changed, came or went ({@link #addChange}, the topology's periodic update).
 * A contribution is {@code x xᵀ} over the products given, with {@code x = s(u,p)} and, in the user
 * counts, 1 per product. Not thread-safe.
 *
 * <p>Cells are kept sparse ({@link CellSums}): time and memory follow the cells added, never the
 * number of products.
 */
public final class GramBuilder {

    private final Map<Long, Integer> index = new HashMap<>();
    private long[] ids = new long[64];
    private final CellSums cells = new CellSums();

    /** Adds {@code s(u,p)·s(u,q)} and one user to (p, q) for every pair of {@code products}, p = q included. */
    public void addUser(final List<UserInteraction> products) {
        final int n = products.size();
        final int[] at = new int[n];
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            at[i] = indexOf(products.get(i).productId());
            x[i] = products.get(i).strength();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells.add(CellSums.key(at[i], at[j]), x[i] * x[j], 1);
            }
        }
    }

    /**
     * Adds the change of one user's contribution, {@code x'x'ᵀ − xxᵀ}, where x' is over the products
     * the user counts with now and x over those it counted with before: entries (p, q) with p or q
     * among the changed products. Cost O(changed × (current + removed)).
     *
     * @param current the products the user counts with now, with their raw strength sums
     * @param before  for each product whose part changed: its raw strength sum before, or {@code NaN} if
     *                the user did not count with it; a product here but not in {@code current} no
     *                longer counts (its part is taken back)
     */
    public void addChange(final List<UserInteraction> current, final Map<Long, Double> before) {
        final List<Long> removed = new ArrayList<>();
        final Map<Long, Boolean> present = new HashMap<>(current.size() * 2);
        current.forEach(product -> present.put(product.productId(), Boolean.TRUE));
        before.forEach((product, old) -> {
            if (!present.containsKey(product) && !old.isNaN()) {
                removed.add(product);
            }
        });
        final int n = current.size() + removed.size();
        final int[] at = new int[n];
        final double[] now = new double[n];
        final double[] was = new double[n];
        final long[] nowTouched = new long[n];
        final long[] wasTouched = new long[n];
        final boolean[] changed = new boolean[n];
        for (int i = 0; i < n; i++) {
            final boolean isCurrent = i < current.size();
            final long product = isCurrent ? current.get(i).productId() : removed.get(i - current.size());
            at[i] = indexOf(product);
            if (isCurrent) {
                now[i] = current.get(i).strength();
                nowTouched[i] = 1;
            }
            final Double old = before.get(product);
            changed[i] = old != null;
            if (old == null) {
                was[i] = now[i];
                wasTouched[i] = nowTouched[i];
            } else if (!old.isNaN()) {
                was[i] = Strength.smoothed(old);
                wasTouched[i] = 1;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!changed[i]) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                final double dw = now[i] * now[j] - was[i] * was[j];
                final long du = nowTouched[i] * nowTouched[j] - wasTouched[i] * wasTouched[j];
                if (dw == 0.0 && du == 0) {
                    continue;
                }
                cells.add(CellSums.key(at[i], at[j]), dw, du);
                if (!changed[j]) {
                    cells.add(CellSums.key(at[j], at[i]), dw, du);
                }
            }
        }
    }

    /** Whether no cell was added. */
    public boolean isEmpty() {
        return cells.size() == 0;
    }

    /** The rows summed so far, by product, ascending; cells with no user and no weight are left out. */
    public TreeMap<Long, GramRow> rows() {
        final int products = index.size();
        final int[] perRow = new int[products];
        for (int slot = 0; slot < cells.slots(); slot++) {
            if (cells.used(slot) && kept(slot)) {
                perRow[CellSums.row(cells.keyAt(slot))]++;
            }
        }
        final long[][] columns = new long[products][];
        final double[][] weighted = new double[products][];
        final long[][] users = new long[products][];
        final int[] filled = new int[products];
        for (int row = 0; row < products; row++) {
            columns[row] = new long[perRow[row]];
            weighted[row] = new double[perRow[row]];
            users[row] = new long[perRow[row]];
        }
        for (int slot = 0; slot < cells.slots(); slot++) {
            if (cells.used(slot) && kept(slot)) {
                final long key = cells.keyAt(slot);
                final int row = CellSums.row(key);
                final int at = filled[row]++;
                columns[row][at] = ids[CellSums.column(key)];
                weighted[row][at] = cells.weightedAt(slot);
                users[row][at] = cells.usersAt(slot);
            }
        }
        final TreeMap<Long, GramRow> out = new TreeMap<>();
        for (int row = 0; row < products; row++) {
            if (perRow[row] > 0) {
                out.put(ids[row], sorted(columns[row], weighted[row], users[row]));
            }
        }
        return out;
    }

    /** The Gram rows of these users' contributions, computed at once (the batch reference of the topology's rows). */
    public static TreeMap<Long, GramRow> of(final Collection<List<UserInteraction>> users) {
        final GramBuilder builder = new GramBuilder();
        users.forEach(builder::addUser);
        return builder.rows();
    }

    private boolean kept(final int slot) {
        return cells.usersAt(slot) != 0 || cells.weightedAt(slot) != 0.0;
    }

    private static GramRow sorted(final long[] columns, final double[] weighted, final long[] users) {
        final int n = columns.length;
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(columns[a], columns[b]));
        final long[] c = new long[n];
        final double[] w = new double[n];
        final long[] u = new long[n];
        for (int i = 0; i < n; i++) {
            c[i] = columns[order[i]];
            w[i] = weighted[order[i]];
            u[i] = users[order[i]];
        }
        return GramRow.of(c, w, u);
    }

    private int indexOf(final long product) {
        final Integer known = index.get(product);
        if (known != null) {
            return known;
        }
        final int at = index.size();
        if (at == ids.length) {
            ids = Arrays.copyOf(ids, at * 2);
        }
        ids[at] = product;
        index.put(product, at);
        return at;
    }
}
