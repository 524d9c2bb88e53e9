package dev.shopreco.streams.experiment;

import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The A/B read-out's statistics: Wilson score intervals for a rate, the two-proportion z-test for a
 * difference of rates, and Pearson's chi-squared goodness-of-fit test of a split against the
 * configured weights (the sample-ratio-mismatch check). Distributions from commons-math3.
 */
public final class AbStatistics {

    /** z of a two-sided 95 % interval. */
    public static final double Z_95 = 1.959963984540054;

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private AbStatistics() {
    }

    /**
     * A proportion with its 95 % Wilson score interval.
     *
     * @param successes x
     * @param trials    n
     * @param rate      x / n (0 when n is 0)
     * @param low       lower bound of the interval (0 when n is 0)
     * @param high      upper bound (1 when n is 0: nothing is known)
     */
    public record Proportion(long successes, long trials, double rate, double low, double high) {
    }

    /** x successes out of n trials with the 95 % Wilson interval. */
    public static Proportion wilson(final long successes, final long trials) {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException("Need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
        if (trials == 0) {
            return new Proportion(0, 0, 0.0, 0.0, 1.0);
        }
        final double n = trials;
        final double p = successes / n;
        final double z2 = Z_95 * Z_95;
        final double denominator = 1 + z2 / n;
        final double centre = (p + z2 / (2 * n)) / denominator;
        final double half = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Proportion(successes, trials, p, Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }

    /**
     * A two-proportion z-test (pooled variance).
     *
     * @param difference rate of a minus rate of b
     * @param z          the statistic (0 when undefined: no trials on a side, or a pooled rate of 0 or 1)
     * @param pValue     two-sided p-value (1 when undefined)
     */
    public record Difference(double difference, double z, double pValue) {
    }

    /** Whether rate a differs from rate b: x1/n1 against x2/n2. */
    public static Difference twoProportion(final long x1, final long n1, final long x2, final long n2) {
        if (n1 == 0 || n2 == 0) {
            return new Difference(0.0, 0.0, 1.0);
        }
        final double p1 = (double) x1 / n1;
        final double p2 = (double) x2 / n2;
        final double pooled = (double) (x1 + x2) / (n1 + n2);
        final double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0.0) {
            return new Difference(p1 - p2, 0.0, 1.0);
        }
        final double z = (p1 - p2) / se;
        return new Difference(p1 - p2, z, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
    }

    /**
     * The sample-ratio-mismatch check.
     *
     * @param chiSquared       Pearson's statistic
     * @param degreesOfFreedom arms with a positive weight, minus one
     * @param pValue           probability of a split at least this uneven if the weights hold (1 when untestable)
     */
    public record SampleRatio(double chiSquared, int degreesOfFreedom, double pValue) {
    }

    /**
     * Observed users per variant against the configured weights (any positive scale). A variant
     * observed but absent from the weights, or observed with weight 0, is a mismatch by itself:
     * p-value 0 (the statistic covers the weighted arms only).
     */
    public static SampleRatio sampleRatio(final Map<String, Long> observed, final Map<String, Double> weights) {
        double weightSum = 0;
        int arms = 0;
        for (final double weight : weights.values()) {
            if (weight > 0) {
                weightSum += weight;
                arms++;
            }
        }
        long total = 0;
        boolean unweightedUsers = false;
        for (final Map.Entry<String, Long> entry : observed.entrySet()) {
            if (weights.getOrDefault(entry.getKey(), 0.0) > 0) {
                total += entry.getValue();
            } else if (entry.getValue() > 0) {
                unweightedUsers = true;
            }
        }
        if (arms < 2 || total == 0) {
            return new SampleRatio(0.0, Math.max(arms - 1, 0), unweightedUsers ? 0.0 : 1.0);
        }
        double chi = 0;
        for (final Map.Entry<String, Double> entry : weights.entrySet()) {
            if (entry.getValue() <= 0) {
                continue;
            }
            final double expected = total * entry.getValue() / weightSum;
            final double diff = observed.getOrDefault(entry.getKey(), 0L) - expected;
            chi += diff * diff / expected;
        }
        final int df = arms - 1;
        return new SampleRatio(chi, df,
                unweightedUsers ? 0.0 : 1.0 - new ChiSquaredDistribution(df).cumulativeProbability(chi));
    }
}
