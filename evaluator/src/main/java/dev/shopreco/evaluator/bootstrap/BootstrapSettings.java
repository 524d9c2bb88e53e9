package dev.shopreco.evaluator.bootstrap;

/**
 * How the paired bootstrap runs: how many resamples, the confidence level of the intervals and
 * the seed of the resampling. The same settings on the same per-user figures give the same
 * intervals, to the last bit.
 *
 * @param resamples  resamples of the users (0: no intervals)
 * @param confidence the intervals' confidence level, in (0, 1)
 * @param seed       seeds the resampling
 */
public record BootstrapSettings(int resamples, double confidence, long seed) {

    public static final int RESAMPLES = 1000;
    public static final double CONFIDENCE = 0.95;

    public BootstrapSettings {
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must not be negative, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, got " + confidence);
        }
    }

    /** 1,000 resamples, 95 % intervals, seeded with {@code seed}. */
    public static BootstrapSettings defaults(final long seed) {
        return new BootstrapSettings(RESAMPLES, CONFIDENCE, seed);
    }

    /** No resampling: the evaluation reports point figures only. */
    public static BootstrapSettings off() {
        return new BootstrapSettings(0, CONFIDENCE, 0);
    }

    public boolean enabled() {
        return resamples > 0;
    }

    /** The confidence level in per cent, without trailing zeros: {@code 95}, {@code 99.5}. */
    public String percent() {
        return java.math.BigDecimal.valueOf(confidence).movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
