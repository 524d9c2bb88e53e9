package dev.shopreco.streams.collaborative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link EaseWeights} on matrices as large as a fit's, where EJML's Cholesky works in blocks. */
class EaseWeightsTest {

    private static final int N = 1_100;

    @Test
    void shouldRefuseALargeMatrixThatIsNotPositiveDefinite() {
        final double[][] gram = new double[N][N];
        for (int i = 0; i < N; i++) {
            gram[i][i] = 1;
        }
        // the last two products: [[1, 2], [2, 1]], eigenvalues 3 and -1
        gram[N - 2][N - 1] = 2;
        gram[N - 1][N - 2] = 2;

        final NotPositiveDefiniteException refused = assertThrows(NotPositiveDefiniteException.class,
                () -> EaseWeights.of(gram, 1e-9));
        assertEquals("gram + lambda I is not positive definite (n = 1100)", refused.getMessage());
    }

    /**
     * Products in disjoint pairs (2k, 2k+1), each pair [[a, c], [c, a]] with a = 2, c = 1 and λ = 1:
     * P of a pair is [[3, -1], [-1, 3]] / 8, so B is 1/3 between the two products of a pair and 0 elsewhere.
     */
    @Test
    void shouldMatchTheClosedFormOnALargeBlockDiagonalMatrix() {
        final double[][] gram = new double[N][N];
        for (int i = 0; i < N; i += 2) {
            gram[i][i] = 2;
            gram[i + 1][i + 1] = 2;
            gram[i][i + 1] = 1;
            gram[i + 1][i] = 1;
        }

        final double[][] b = EaseWeights.of(gram, 1.0);

        for (int i = 0; i < N; i++) {
            final int partner = i ^ 1;
            for (int j = 0; j < N; j++) {
                assertEquals(j == partner ? 1.0 / 3 : 0.0, b[i][j], 1e-12, "B[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void shouldRefuseARaggedMatrix() {
        assertThrows(IllegalArgumentException.class, () -> EaseWeights.of(new double[][] {{1, 0}, {0}}, 1.0));
    }
}
