package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.protocol.TrainingSet;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The validation cut of each training set, taken once and shared by the tuned served models
 * (ITEM_EASE, USER_KNN, HYBRID), so each training part is cut and its state built once.
 */
public final class Cuts {

    private final double quantile;
    private final Map<TrainingSet, ValidationCut> cuts = new IdentityHashMap<>();

    /** Cuts at {@code quantile} of each training part's event time. */
    public Cuts(final double quantile) {
        this.quantile = quantile;
    }

    /** The validation cut of {@code training} (taken on first use). */
    public synchronized ValidationCut of(final TrainingSet training) {
        return cuts.computeIfAbsent(training, t -> ValidationCut.of(t, quantile));
    }
}
