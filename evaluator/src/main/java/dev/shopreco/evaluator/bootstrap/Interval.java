package dev.shopreco.evaluator.bootstrap;

/**
 * A confidence interval {@code [low, high]}.
 *
 * @param low  lower end
 * @param high upper end, at least {@code low}
 */
public record Interval(double low, double high) {

    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is empty or undefined");
        }
    }

    /** Where the interval lies relative to 0: what a difference's interval says about the difference. */
    public enum Sign {
        /** Every value is above 0: the first model is better. */
        ABOVE_ZERO,
        /** Every value is below 0: the first model is worse. */
        BELOW_ZERO,
        /** 0 is inside (or at an end): no difference the resampling can tell from noise. */
        CONTAINS_ZERO;

        /** {@code above 0}, {@code below 0}, {@code contains 0}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace("_zero", " 0").replace('_', ' ');
        }
    }

    /** Where the interval lies relative to 0 (an end at exactly 0 counts as containing it). */
    public Sign sign() {
        if (low > 0) {
            return Sign.ABOVE_ZERO;
        }
        return high < 0 ? Sign.BELOW_ZERO : Sign.CONTAINS_ZERO;
    }

    public double width() {
        return high - low;
    }
}
