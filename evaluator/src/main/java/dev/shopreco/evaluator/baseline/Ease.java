package dev.shopreco.evaluator.baseline;

import dev.shopreco.streams.collaborative.EaseWeights;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): an item x item
 * weight matrix in closed form, {@code P = (XᵀX + λI)⁻¹}, {@code B = I − P·diag(1/diag(P))}, so
 * {@code B[i][j] = −P[i][j] / P[j][j]} off the diagonal and 0 on it (an item may not predict itself);
 * a user's scores are their row of {@code X·B}. λ is the only hyper-parameter.
 */
public final class Ease implements ItemScorer {

    private final StrengthMatrix x;
    private final double[][] b;

    private Ease(final StrengthMatrix x, final double[][] b) {
        this.x = x;
        this.b = b;
    }

    /** EASE fitted on {@code x} with L2 weight {@code lambda} (> 0). */
    public static Ease fit(final StrengthMatrix x, final double lambda) {
        return fit(x, x.gram(), lambda);
    }

    /** EASE fitted on {@code x} whose {@code XᵀX} is already known (shared across a λ grid; not modified). */
    public static Ease fit(final StrengthMatrix x, final double[][] gram, final double lambda) {
        return new Ease(x, weights(gram, lambda));
    }

    /** {@code B} from the Gram matrix {@code XᵀX} (not modified) and λ. */
    static double[][] weights(final double[][] gram, final double lambda) {
        return EaseWeights.of(gram, lambda);
    }

    /** The weight matrix B (columns x columns). */
    public double[][] weights() {
        return b;
    }

    @Override
    public StrengthMatrix matrix() {
        return x;
    }

    @Override
    public double[] scores(final int row) {
        final double[] scores = new double[x.columns()];
        final int[] columns = x.columnsOf(row);
        final double[] values = x.valuesOf(row);
        for (int a = 0; a < columns.length; a++) {
            final double[] weights = b[columns[a]];
            for (int j = 0; j < scores.length; j++) {
                scores[j] += values[a] * weights[j];
            }
        }
        return scores;
    }
}
