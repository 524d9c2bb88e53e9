package dev.shopreco.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.collaborative.EaseWeights;
import org.junit.jupiter.api.Test;

/** The two fits the benchmark compares give the same B, below and above EJML's switch to blocks. */
class EaseFitBenchmarkTest {

    private static void assertSameWeights(final int n) {
        final double[][] gram = EaseInput.gram(n, 7);
        final double[][] ejml = EaseWeights.of(gram, 500);
        final double[][] handWritten = EaseFitBenchmark.fitOnHandWrittenInverse(gram, 500);
        double largest = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(handWritten[i][j], ejml[i][j], 1e-12, "B[" + i + "][" + j + "] at n = " + n);
                largest = Math.max(largest, Math.abs(ejml[i][j]));
            }
        }
        assertTrue(largest > 1e-3, "the input has co-occurrences: B is not all zero");
    }

    @Test
    void shouldGiveTheSameWeightsAsTheHandWrittenInverse() {
        assertSameWeights(200);
    }

    @Test
    void shouldGiveTheSameWeightsWithEjmlsBlockedCholesky() {
        assertSameWeights(1100);
    }

    @Test
    void shouldMakeASymmetricGramMatrixWithTheUsersOnItsDiagonal() {
        final double[][] gram = EaseInput.gram(100, 3);
        double users = 0;
        for (int i = 0; i < 100; i++) {
            users += gram[i][i];
            for (int j = 0; j < 100; j++) {
                assertEquals(gram[i][j], gram[j][i], 0.0);
                assertTrue(gram[i][j] <= Math.min(gram[i][i], gram[j][j]), "a pair has no more users than a product");
            }
        }
        // 1,000 users, 1 + geometric(mean 7) draws each, a few drawn twice: about 8 products per user
        assertTrue(users > 6_000 && users < 9_000, "touches " + users);
        assertTrue(gram[0][0] > gram[99][99], "the first products are the most popular");
    }
}
