package dev.shopreco.bench.jmh;

/**
 * The baseline EJML is measured against in {@link EaseFitBenchmark}: the inverse of a symmetric positive
 * definite matrix through its Cholesky factor ({@code A = L Lᵀ}, {@code A⁻¹ = L⁻ᵀ L⁻¹}), written by hand
 * on {@code double[][]}, unblocked. Not used outside the benchmarks.
 */
public final class HandWrittenSpdInverse {

    private HandWrittenSpdInverse() {
    }

    /** {@code a⁻¹}; {@code a} is not modified. */
    public static double[][] of(final double[][] a) {
        final int n = a.length;
        final double[][] m = invertLower(cholesky(a));
        // A⁻¹ = Mᵀ M with M = L⁻¹ lower triangular: entry (i, j) sums over k >= max(i, j)
        final double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0.0;
                for (int k = j; k < n; k++) {
                    sum += m[k][i] * m[k][j];
                }
                inverse[i][j] = sum;
                inverse[j][i] = sum;
            }
        }
        return inverse;
    }

    /** The lower triangular L with {@code a = L Lᵀ}. */
    static double[][] cholesky(final double[][] a) {
        final int n = a.length;
        final double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            if (!(diagonal > 0.0)) {
                throw new IllegalArgumentException("Not positive definite (pivot " + diagonal + " at " + j + ")");
            }
            l[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < n; i++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = sum / l[j][j];
            }
        }
        return l;
    }

    /** The inverse of a lower triangular matrix, by forward substitution column by column. */
    static double[][] invertLower(final double[][] l) {
        final int n = l.length;
        final double[][] m = new double[n][n];
        for (int j = 0; j < n; j++) {
            m[j][j] = 1.0 / l[j][j];
            for (int i = j + 1; i < n; i++) {
                double sum = 0.0;
                for (int k = j; k < i; k++) {
                    sum += l[i][k] * m[k][j];
                }
                m[i][j] = -sum / l[i][i];
            }
        }
        return m;
    }
}
