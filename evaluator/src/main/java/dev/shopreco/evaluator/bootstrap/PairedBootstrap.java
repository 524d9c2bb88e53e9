package dev.shopreco.evaluator.bootstrap;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The paired bootstrap over users, and percentile intervals from its replicates.
 *
 * <p>A population is {@code n} units (users), each with a weight {@code w[u] > 0} and, for every
 * series {@code s} (a model's metric at some K), a value {@code x[s][u]}. A series' statistic is
 * {@code Σ x[s][u] / Σ w[u]}: with weights 1 the mean over users (the temporal protocol's figures),
 * with a user's test-pair count as weight and their sum over those pairs as value the mean over
 * pairs (the seed protocol's). A resample draws {@code n} users with replacement and counts how
 * often each was drawn ({@code c[u]}); every series' replicate is {@code Σ c[u] x[s][u] / Σ c[u]
 * w[u]} over the <em>same</em> counts, so the replicates of two models differ only by the models:
 * their difference is paired.
 *
 * <p>Deterministic: the draws come from one {@link SplittableRandom} seeded with the given seed,
 * users are drawn by index, and sums run in user order.
 */
public final class PairedBootstrap {

    private PairedBootstrap() {
    }

    /**
     * The replicates of every series: {@code result[s][b]} is series {@code s} on resample {@code b}.
     *
     * @param weights   per unit, positive
     * @param values    {@code values[s][u]}: series s, unit u; every row as long as {@code weights}
     * @param resamples how many resamples (at least 1)
     * @param seed      seeds the draws
     */
    public static double[][] replicates(final double[] weights, final double[][] values, final int resamples,
            final long seed) {
        final int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("no unit to resample");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        for (final double w : weights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("weights must be positive, got " + w);
            }
        }
        for (final double[] row : values) {
            if (row.length != n) {
                throw new IllegalArgumentException("a series has " + row.length + " values for " + n + " units");
            }
        }
        final SplittableRandom rng = new SplittableRandom(seed);
        final double[][] out = new double[values.length][resamples];
        final int[] counts = new int[n];
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[rng.nextInt(n)]++;
            }
            double weight = 0;
            for (int u = 0; u < n; u++) {
                weight += counts[u] * weights[u];
            }
            for (int s = 0; s < values.length; s++) {
                final double[] x = values[s];
                double sum = 0;
                for (int u = 0; u < n; u++) {
                    sum += counts[u] * x[u];
                }
                out[s][b] = sum / weight;
            }
        }
        return out;
    }

    /** The statistic of one series on the full population: {@code Σ x[u] / Σ w[u]}, summed in unit order. */
    public static double statistic(final double[] weights, final double[] values) {
        double sum = 0;
        double weight = 0;
        for (int u = 0; u < weights.length; u++) {
            sum += values[u];
            weight += weights[u];
        }
        return sum / weight;
    }

    /**
     * The percentile interval of {@code replicates} at {@code confidence}: the {@code (1 - c) / 2}
     * and {@code (1 + c) / 2} quantiles, each interpolated linearly between the two nearest order
     * statistics (Hyndman and Fan's type 7, the default of R and NumPy).
     */
    public static Interval percentile(final double[] replicates, final double confidence) {
        final double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        final double tail = (1 - confidence) / 2;
        return new Interval(quantile(sorted, tail), quantile(sorted, 1 - tail));
    }

    /** Type-7 quantile of sorted values. */
    static double quantile(final double[] sorted, final double p) {
        final double h = (sorted.length - 1) * p;
        final int lo = (int) Math.floor(h);
        final int hi = Math.min(lo + 1, sorted.length - 1);
        final double lower = sorted[lo];
        final double upper = sorted[hi];
        // equal neighbours give that value exactly (no round-off from the interpolation)
        return lower == upper ? lower : lower + (h - lo) * (upper - lower);
    }

    /** {@code a[b] - b[b]} for every resample: the replicates of a paired difference. */
    public static double[] difference(final double[] a, final double[] b) {
        final double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
