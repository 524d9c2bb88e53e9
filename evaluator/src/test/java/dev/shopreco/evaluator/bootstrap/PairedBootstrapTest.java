package dev.shopreco.evaluator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The resampling and the percentile intervals on cases small enough to work out by hand. */
class PairedBootstrapTest {

    private static final int RESAMPLES = 1000;

    private static double[] ones(final int n) {
        final double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    /** 0.0, 0.01, ..., spread out so that a model's own interval is wide. */
    private static double[] spread(final int n) {
        final double[] x = new double[n];
        for (int u = 0; u < n; u++) {
            x[u] = (u * 37 % n) / (double) n;
        }
        return x;
    }

    private static Interval differenceInterval(final double[] a, final double[] b, final double confidence) {
        final double[][] replicates = PairedBootstrap.replicates(ones(a.length), new double[][] {a, b}, RESAMPLES, 7);
        return PairedBootstrap.percentile(PairedBootstrap.difference(replicates[0], replicates[1]), confidence);
    }

    @Test
    void shouldGiveIdenticalModelsAZeroWidthDifferenceAtZero() {
        final double[] a = spread(100);

        final Interval interval = differenceInterval(a, a.clone(), 0.95);

        assertEquals(0.0, interval.low());
        assertEquals(0.0, interval.high());
        assertEquals(Interval.Sign.CONTAINS_ZERO, interval.sign(), "no difference is not a real difference");
    }

    @Test
    void shouldGiveAConstantShiftThatShiftAsAZeroWidthInterval() {
        final double[] a = spread(100);
        final double[] b = Arrays.stream(a).map(x -> x + 0.25).toArray();

        final Interval interval = differenceInterval(b, a, 0.95);

        assertEquals(0.25, interval.low(), 1e-12);
        assertEquals(0.25, interval.high(), 1e-12);
        assertEquals(Interval.Sign.ABOVE_ZERO, interval.sign());
        assertEquals(Interval.Sign.BELOW_ZERO, differenceInterval(a, b, 0.95).sign());
    }

    @Test
    void shouldPairTheModelsSoThatASmallSteadyGainIsRealThoughTheirOwnIntervalsOverlap() {
        final double[] a = spread(200);
        final double[] b = new double[a.length];
        for (int u = 0; u < a.length; u++) {
            b[u] = a[u] + (u % 2 == 0 ? 0.03 : 0.01);
        }
        final double[][] replicates = PairedBootstrap.replicates(ones(a.length), new double[][] {a, b}, RESAMPLES, 7);
        final Interval ownA = PairedBootstrap.percentile(replicates[0], 0.95);
        final Interval ownB = PairedBootstrap.percentile(replicates[1], 0.95);

        final Interval gain = PairedBootstrap.percentile(PairedBootstrap.difference(replicates[1], replicates[0]), 0.95);

        assertTrue(ownB.low() < ownA.high(), "each model alone: " + ownA + " and " + ownB + " overlap");
        assertTrue(gain.low() > 0.015 && gain.high() < 0.025, "paired, the gain of 0.02 is real: " + gain);
    }

    @Test
    void shouldSpanBothUsersWhenOnlyTwoDisagreeCompletely() {
        // a resample of two users is {0, 0}, {0, 1} or {1, 1}: mean 0, 0.5 or 1 with chances 1/4, 1/2, 1/4
        final double[][] replicates = PairedBootstrap.replicates(ones(2), new double[][] {{0, 1}}, RESAMPLES, 3);

        assertEquals(new Interval(0, 1), PairedBootstrap.percentile(replicates[0], 0.95));
        assertEquals(new Interval(0.5, 0.5), PairedBootstrap.percentile(replicates[0], 0.4),
                "the 30th and 70th percentiles both fall in the middle half");
    }

    @Test
    void shouldResampleUsersWithAllTheirPairsWhenWeighted() {
        // user 0: 1 pair, a hit; user 1: 3 pairs, no hit. Over pairs: 1/4. Resamples: both user 0 (1),
        // one each (1/4), both user 1 (0)
        final double[] weights = {1, 3};
        final double[] hits = {1, 0};

        assertEquals(0.25, PairedBootstrap.statistic(weights, hits));
        final double[][] replicates = PairedBootstrap.replicates(weights, new double[][] {hits}, RESAMPLES, 3);
        assertEquals(new Interval(0, 1), PairedBootstrap.percentile(replicates[0], 0.95));
        assertEquals(new Interval(0.25, 0.25), PairedBootstrap.percentile(replicates[0], 0.4));
    }

    @Test
    void shouldMatchTheNormalApproximationOnManyUsers() {
        // 400 users, half with a hit: standard error 0.5 / 20 = 0.025, 95 % interval about 0.5 -+ 0.049
        final double[] x = new double[400];
        for (int u = 0; u < x.length; u += 2) {
            x[u] = 1;
        }
        final Interval interval = PairedBootstrap.percentile(
                PairedBootstrap.replicates(ones(x.length), new double[][] {x}, RESAMPLES, 11)[0], 0.95);

        assertEquals(0.5 - 1.96 * 0.025, interval.low(), 0.008);
        assertEquals(0.5 + 1.96 * 0.025, interval.high(), 0.008);
    }

    @Test
    void shouldTakeLinearlyInterpolatedPercentiles() {
        // type 7: h = (n - 1) p; 0.1 of 1..5 is 1 + 0.4, 0.9 is 4 + 0.6
        assertEquals(new Interval(1.4, 4.6), PairedBootstrap.percentile(new double[] {5, 3, 1, 4, 2}, 0.8));
        assertEquals(new Interval(3, 3), PairedBootstrap.percentile(new double[] {3}, 0.95));
    }

    @Test
    void shouldBeDeterministicPerSeed() {
        final double[][] values = {spread(50)};
        final double[] once = PairedBootstrap.replicates(ones(50), values, 100, 5)[0];

        assertArrayEquals(once, PairedBootstrap.replicates(ones(50), values, 100, 5)[0]);
        assertFalse(Arrays.equals(once, PairedBootstrap.replicates(ones(50), values, 100, 6)[0]));
    }

    @Test
    void shouldRefuseWhatCannotBeResampled() {
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.replicates(new double[0], new double[0][], 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.replicates(new double[] {0}, new double[][] {{1}}, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.replicates(ones(2), new double[][] {{1}}, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapSettings(1000, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapSettings(-1, 0.95, 1));
        assertEquals("99.5", new BootstrapSettings(1000, 0.995, 1).percent());
        assertEquals("95", BootstrapSettings.defaults(1).percent());
    }
}
