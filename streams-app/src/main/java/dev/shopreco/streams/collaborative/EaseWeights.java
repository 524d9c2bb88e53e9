package dev.shopreco.streams.collaborative;

/**
 * EASE's item x item weights (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019)
 * from a Gram matrix {@code G = XᵀX}: {@code P = (G + λI)⁻¹}, {@code B = I − P·diag(1/diag(P))}, so
 * {@code B[i][j] = −P[i][j] / P[j][j]} off the diagonal and 0 on it (an item may not predict itself).
 * Used by the served ITEM_EASE (G from the topology's item Gram rows) and by the evaluator's offline
 * EASE (G from its own matrix). O(n³) time and O(n²) memory for n items.
 */
public final class EaseWeights {

    private EaseWeights() {
    }

    /** {@code B} from {@code gram} (symmetric, n x n; not modified) and λ (> 0). */
    public static double[][] of(final double[][] gram, final double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be positive, got " + lambda);
        }
        final int n = gram.length;
        final double[][] g = new double[n][];
        for (int i = 0; i < n; i++) {
            g[i] = gram[i].clone();
            g[i][i] += lambda;
        }
        final double[][] p = SpdInverse.of(g);
        final double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = i == j ? 0.0 : -p[i][j] / p[j][j];
            }
        }
        return b;
    }
}
