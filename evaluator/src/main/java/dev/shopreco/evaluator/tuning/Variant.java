package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.protocol.TemporalSplit;
import dev.shopreco.streams.model.Exclusion;
import java.util.SortedSet;

/**
 * The two questions the temporal protocol asks, so that a tuner asks the same ones: "all" (every
 * product touched after the cut is relevant, nothing excluded) and "new" (only products not touched
 * before the cut, which are excluded from the list).
 */
public enum Variant {
    ALL("all", "", Exclusion.NONE),
    NEW("new", MetricKeys.NEW, Exclusion.INTERACTED);

    private final String label;
    private final String suffix;
    private final Exclusion exclusion;

    Variant(final String label, final String suffix, final Exclusion exclusion) {
        this.label = label;
        this.suffix = suffix;
        this.exclusion = exclusion;
    }

    /** {@code all} or {@code new}, as the reports name them. */
    public String label() {
        return label;
    }

    /** The metric-key suffix: none or {@code :new}. */
    public String suffix() {
        return suffix;
    }

    /** What the list leaves out. */
    public Exclusion exclusion() {
        return exclusion;
    }

    /** The user's relevant products in this variant (may be empty). */
    public SortedSet<Long> relevant(final TemporalSplit split, final long user) {
        return this == ALL ? split.relevant(user) : split.relevantNew(user);
    }
}
