package dev.shopreco.api.experiment;

import java.util.List;

/**
 * The seed's rule: users with an id above the threshold get one variant, the others another
 * ({@code user_id > 550} gets {@code CONTENT_BASE}, the rest {@code POPULARITY}). Kept as the default
 * so that the seed's examples answer as documented. Not a fair experiment: ids are assigned in
 * sign-up order, so the two arms differ in account age.
 */
public final class ThresholdRule implements RoutingRule {

    public static final String NAME = "threshold";

    private final long threshold;
    private final Variant above;
    private final Variant atOrBelow;

    public ThresholdRule(final long threshold, final Variant above, final Variant atOrBelow) {
        this.threshold = threshold;
        this.above = above;
        this.atOrBelow = atOrBelow;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Variant variantOf(final long userId) {
        return userId > threshold ? above : atOrBelow;
    }

    @Override
    public List<Variant> variants() {
        return List.of(atOrBelow, above);
    }

    /** The id above which users get {@link #above()}. */
    public long threshold() {
        return threshold;
    }

    /** The variant of ids above the threshold. */
    public Variant above() {
        return above;
    }

    /** The variant of ids at or below the threshold. */
    public Variant atOrBelow() {
        return atOrBelow;
    }
}
