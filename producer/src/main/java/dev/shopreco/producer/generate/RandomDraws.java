package dev.shopreco.producer.generate;

import java.util.SplittableRandom;

/**
 * The few distributions the generator needs, on top of {@link SplittableRandom}. Written out (with
 * {@link StrictMath}) rather than taken from {@code RandomGenerator.nextGaussian()} so that a seed
 * gives the same bytes on every JDK and CPU: the data set is committed and regenerated elsewhere.
 */
final class RandomDraws {

    private RandomDraws() {
    }

    /** Standard normal, Marsaglia's polar method. */
    static double gaussian(final SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /** Exponential with the given mean. */
    static double exponential(final SplittableRandom rng, final double mean) {
        return -mean * StrictMath.log(1 - rng.nextDouble());
    }

    /** Gamma(shape, 1), Marsaglia and Tsang; shapes below 1 by the usual power boost. */
    static double gamma(final SplittableRandom rng, final double shape) {
        if (shape < 1) {
            return gamma(rng, shape + 1) * StrictMath.pow(rng.nextDouble(), 1 / shape);
        }
        final double d = shape - 1.0 / 3;
        final double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            final double u = rng.nextDouble();
            if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v;
            }
        }
    }

    /** A Dirichlet draw with parameters {@code alpha}; zero parameters give zero weight. */
    static double[] dirichlet(final SplittableRandom rng, final double[] alpha) {
        final double[] out = new double[alpha.length];
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            out[i] = alpha[i] > 0 ? gamma(rng, alpha[i]) : 0;
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = sum > 0 ? out[i] / sum : 1.0 / out.length;
        }
        return out;
    }

    /** Poisson by multiplication (means here are small: sessions a user starts in one day). */
    static int poisson(final SplittableRandom rng, final double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian(rng)));
        }
        final double limit = StrictMath.exp(-mean);
        int k = 0;
        double p = rng.nextDouble();
        while (p > limit) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    /** Binomial by counting successes (n is a session's view count, small). */
    static int binomial(final SplittableRandom rng, final int n, final double p) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    /** An index drawn from cumulative weights {@code cumulative[0..n)} (entry n-1 is the total). */
    static int pick(final SplittableRandom rng, final double[] cumulative, final int n) {
        final double x = rng.nextDouble() * cumulative[n - 1];
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
