package dev.shopreco.bench.jmh;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An input shaped like EASE's: the Gram matrix {@code XᵀX} of a sparse 0/1 user x product matrix X whose
 * product popularity falls off like a shop's (weight {@code 1 / (rank + 10)^0.8}), over the n products a
 * fit keeps. Ten users per product, each touching 1 + a geometric number of distinct products (mean 8).
 * Deterministic for a given n and seed.
 */
public final class EaseInput {

    private EaseInput() {
    }

    /** {@code XᵀX} (n x n, symmetric, non-negative integer counts). */
    public static double[][] gram(final int n, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] cumulative = new double[n];
        double total = 0;
        for (int p = 0; p < n; p++) {
            total += 1.0 / Math.pow(p + 10, 0.8);
            cumulative[p] = total;
        }
        final double[][] gram = new double[n][n];
        final int users = 10 * n;
        final int[] touched = new int[n];
        for (int u = 0; u < users; u++) {
            int count = 1;
            while (count < n && random.nextDouble() < 7.0 / 8.0) {
                count++;
            }
            int distinct = 0;
            for (int draw = 0; draw < count; draw++) {
                int p = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                p = Math.min(n - 1, p < 0 ? -p - 1 : p);
                boolean seen = false;
                for (int k = 0; k < distinct && !seen; k++) {
                    seen = touched[k] == p;
                }
                if (!seen) {
                    touched[distinct++] = p;
                }
            }
            for (int a = 0; a < distinct; a++) {
                for (int b = 0; b < distinct; b++) {
                    gram[touched[a]][touched[b]] += 1;
                }
            }
        }
        return gram;
    }

    /** A copy of {@code gram} with λ added to the diagonal: what EASE inverts. */
    public static double[][] shifted(final double[][] gram, final double lambda) {
        final double[][] a = new double[gram.length][];
        for (int i = 0; i < gram.length; i++) {
            a[i] = gram[i].clone();
            a[i][i] += lambda;
        }
        return a;
    }
}
