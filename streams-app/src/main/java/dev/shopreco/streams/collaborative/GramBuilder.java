package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.state.Strength;
import dev.shopreco.streams.state.UserInteraction;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums users' contributions to the item Gram matrices ({@link GramRow}): a whole user at once
 * ({@link #addUser}, the batch computation), or the change of a user's contribution after some of
 * their products changed ({@link #addChange}, the topology's periodic update). Not thread-safe.
 */
public final class GramBuilder {

    private final Map<Long, TreeMap<Long, GramRow.Cell>> rows = new HashMap<>();

    /** Adds {@code s(u,p)·s(u,q)} and one user to (p, q) for every pair of the user's products, p = q included. */
    public void addUser(final List<UserInteraction> products) {
        final int n = products.size();
        final long[] ids = new long[n];
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = products.get(i).productId();
            x[i] = products.get(i).strength();
        }
        for (int i = 0; i < n; i++) {
            final TreeMap<Long, GramRow.Cell> row = row(ids[i]);
            for (int j = 0; j < n; j++) {
                cell(row, ids[j]).add(x[i] * x[j], 1);
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
        final long[] ids = new long[n];
        final double[] now = new double[n];
        final double[] was = new double[n];
        final long[] wasTouched = new long[n];
        final boolean[] changed = new boolean[n];
        for (int i = 0; i < n; i++) {
            final UserInteraction product = current.get(i);
            ids[i] = product.productId();
            now[i] = product.strength();
            final Double old = before.get(ids[i]);
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
            final TreeMap<Long, GramRow.Cell> row = row(ids[i]);
            for (int j = 0; j < n; j++) {
                final double dw = now[i] * now[j] - was[i] * was[j];
                final long du = 1 - wasTouched[i] * wasTouched[j];
                cell(row, ids[j]).add(dw, du);
                if (!changed[j]) {
                    cell(row(ids[j]), ids[i]).add(dw, du);
                }
            }
        }
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows summed so far, by product, ascending. */
    public TreeMap<Long, GramRow> rows() {
        final TreeMap<Long, GramRow> out = new TreeMap<>();
        rows.forEach((product, cells) -> out.put(product, GramRow.of(cells)));
        return out;
    }

    /** The Gram rows of these users' histories, computed at once (the batch reference of the topology's rows). */
    public static TreeMap<Long, GramRow> of(final Collection<List<UserInteraction>> users) {
        final GramBuilder builder = new GramBuilder();
        users.forEach(builder::addUser);
        return builder.rows();
    }

    private TreeMap<Long, GramRow.Cell> row(final long product) {
        return rows.computeIfAbsent(product, p -> new TreeMap<>());
    }

    private static GramRow.Cell cell(final TreeMap<Long, GramRow.Cell> row, final long column) {
        return row.computeIfAbsent(column, c -> new GramRow.Cell());
    }
}
