package dev.shopreco.streams.collaborative;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE's item x item weights (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019)
 * from a Gram matrix {@code G = XᵀX}: {@code P = (G + λI)⁻¹}, {@code B = I − P·diag(1/diag(P))}, so
 * {@code B[i][j] = −P[i][j] / P[j][j]} off the diagonal and 0 on it (an item may not predict itself).
 * Used by the served ITEM_EASE (G from the topology's item Gram rows) and by the evaluator's offline
 * EASE (G from its own matrix). O(n³) time and O(n²) memory for n items.
 *
 * <p>{@code P} comes from EJML's Cholesky solver ({@link LinearSolverFactory_DDRM#chol}, blocked from
 * n = 1,000 on): {@code G + λI} is symmetric positive definite for any Gram matrix and λ > 0, so
 * Cholesky needs no pivoting, and a matrix that is not positive definite is refused instead of being
 * inverted wrongly.
 */
public final class EaseWeights {

    private EaseWeights() {
    }

    /**
     * {@code B} from {@code gram} (symmetric, n x n; not modified) and λ (> 0).
     *
     * @throws IllegalArgumentException if λ is not positive or {@code gram} is not square
     * @throws NotPositiveDefiniteException if {@code gram + λI} is not positive definite
     */
    public static double[][] of(final double[][] gram, final double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be positive, got " + lambda);
        }
        final int n = gram.length;
        final DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            if (gram[i].length != n) {
                throw new IllegalArgumentException("gram must be square: row " + i + " has " + gram[i].length
                        + " entries, not " + n);
            }
            System.arraycopy(gram[i], 0, a.data, i * n, n);
            a.data[i * n + i] += lambda;
        }
        final LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.chol(n);
        // a is this method's own copy: the solver may decompose it in place
        if (!cholesky.setA(a)) {
            throw new NotPositiveDefiniteException("gram + lambda I is not positive definite (n = " + n + ")");
        }
        final DMatrixRMaj p = new DMatrixRMaj(n, n);
        cholesky.invert(p);
        final double[] pd = p.data;
        // −1 / P[j][j] once per column, in one array: the diagonal is n + 1 doubles apart in P, and reading
        // it again for every row walks a page per element
        final double[] scale = new double[n];
        for (int j = 0; j < n; j++) {
            final double diagonal = pd[j * n + j];
            if (!(diagonal > 0) || Double.isInfinite(diagonal)) {
                throw new NotPositiveDefiniteException("gram + lambda I is not positive definite (P[" + j + "][" + j
                        + "] = " + diagonal + ")");
            }
            scale[j] = -1.0 / diagonal;
        }
        final double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            final double[] row = b[i];
            final int at = i * n;
            for (int j = 0; j < n; j++) {
                row[j] = pd[at + j] * scale[j];
            }
            row[i] = 0.0;
        }
        return b;
    }
}
