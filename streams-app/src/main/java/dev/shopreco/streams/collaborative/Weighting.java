package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.state.UserInteraction;
import java.util.Locale;

/** The value a (user, product) pair gets in a collaborative model's matrix (the served ITEM_EASE and the offline baselines). */
public enum Weighting {
    /** The smoothed strength of docs/design.md §1 step 6, {@code s(u,p) = log2(1 + sum of strengths)}: a purchase counts more than a view. */
    LOG,
    /** 1 for every pair the user touched, however often: repeats and purchases do not count more. */
    BINARY;

    /** The pair's value. */
    public double value(final UserInteraction interaction) {
        return this == LOG ? interaction.strength() : 1.0;
    }

    /** {@code log} or {@code binary}, for the reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
