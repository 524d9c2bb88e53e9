package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EASE fitted on the item Gram matrices ({@link ItemGram}): with {@link Weighting#LOG} on
 * {@code Σ_u s(u,p)·s(u,q)}, with {@link Weighting#BINARY} on the counts of users who touched both,
 * i.e. exactly the {@code XᵀX} of the offline EASE's matrix of the same weighting. {@code B} as in
 * {@link EaseWeights}; a user's score for q is {@code Σ over the user's fitted products p of
 * x(u,p)·B[p][q]}, x weighted the same way.
 *
 * <p>Bounded: only the N products with the most users counted in the rows (the diagonal of the binary
 * matrix; ties by ascending id) are fitted, so a fit costs O(N³) time and O(N²) memory and a score
 * O(|u| · N), whatever the number of users. The topology keeps rows for its kept products only
 * ({@link GramSettings}), so with the same N every kept product with a row is fitted.
 */
public final class ItemEaseFit {

    private final long[] products;
    private final Map<Long, Integer> index;
    private final double[][] b;
    private final Weighting weighting;

    private ItemEaseFit(final long[] products, final double[][] b, final Weighting weighting) {
        this.products = products;
        this.b = b;
        this.weighting = weighting;
        this.index = new HashMap<>(products.length * 2);
        for (int i = 0; i < products.length; i++) {
            index.put(products[i], i);
        }
    }

    /**
     * Fits over the {@code maxProducts} products with the most users.
     *
     * @return the fit, or {@code null} when the Gram matrices are empty (nobody touched anything yet)
     */
    public static ItemEaseFit fit(final ItemGram gram, final Weighting weighting, final int maxProducts,
            final double lambda) {
        if (maxProducts < 1) {
            throw new IllegalArgumentException("ITEM_EASE max products must be at least 1, got " + maxProducts);
        }
        if (gram.isEmpty()) {
            return null;
        }
        final List<long[]> byUsers = new ArrayList<>();
        gram.rows().keySet().forEach(p -> byUsers.add(new long[] {p, gram.users(p)}));
        byUsers.sort((x, y) -> x[1] != y[1] ? Long.compare(y[1], x[1]) : Long.compare(x[0], y[0]));
        final int n = Math.min(maxProducts, byUsers.size());
        final long[] products = new long[n];
        final Map<Long, Integer> at = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            products[i] = byUsers.get(i)[0];
            at.put(products[i], i);
        }
        final double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            final GramRow row = gram.row(products[i]);
            for (int k = 0; k < row.size(); k++) {
                final Integer j = at.get(row.column(k));
                if (j != null) {
                    g[i][j] = weighting == Weighting.LOG ? row.weighted(k) : row.users(k);
                }
            }
        }
        return new ItemEaseFit(products, EaseWeights.of(g, lambda), weighting);
    }

    /** Fitted product -> score for a user with these interactions; empty when none of them is fitted. */
    public Map<Long, Double> scores(final List<UserInteraction> interactions) {
        final double[] scores = new double[products.length];
        boolean any = false;
        for (final UserInteraction interaction : interactions) {
            final Integer row = index.get(interaction.productId());
            if (row != null) {
                any = true;
                final double x = weighting.value(interaction);
                final double[] weights = b[row];
                for (int j = 0; j < scores.length; j++) {
                    scores[j] += x * weights[j];
                }
            }
        }
        if (!any) {
            return Map.of();
        }
        final Map<Long, Double> out = new HashMap<>(products.length * 2);
        for (int j = 0; j < products.length; j++) {
            out.put(products[j], scores[j]);
        }
        return out;
    }

    /**
     * The fitted products other than {@code product} with a positive weight {@code B[product][q]}: the
     * products a user who touched only {@code product} would be offered, with their scores. Empty when
     * {@code product} is not fitted.
     */
    public Map<Long, Double> neighbours(final long product) {
        final Integer row = index.get(product);
        if (row == null) {
            return Map.of();
        }
        final Map<Long, Double> out = new HashMap<>();
        final double[] weights = b[row];
        for (int j = 0; j < products.length; j++) {
            if (j != row && weights[j] > 0) {
                out.put(products[j], weights[j]);
            }
        }
        return out;
    }

    /** The fitted products, most users first. */
    public long[] products() {
        return Arrays.copyOf(products, products.length);
    }

    /** B[i][j] for the i-th and j-th fitted product (see {@link #products()}). */
    public double weight(final int i, final int j) {
        return b[i][j];
    }
}
