package dev.shopreco.streams.state;

/**
 * The smoothing of docs/design.md §1 step 6: {@code s(u,p) = log2(1 + sum of strengths)}. Every place that
 * needs s(u,p) (popularity deltas, profiles, the batch reference) calls this one function, so the
 * streaming and batch values agree to the last bit for equal sums.
 */
public final class Strength {

    private static final double LN_2 = Math.log(2.0);

    private Strength() {
    }

    /** {@code log2(1 + sum)}; {@code log1p} keeps precision for small sums. */
    public static double smoothed(final double strengthSum) {
        return Math.log1p(strengthSum) / LN_2;
    }
}
