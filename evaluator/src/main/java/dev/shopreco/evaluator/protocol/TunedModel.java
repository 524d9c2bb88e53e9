package dev.shopreco.evaluator.protocol;

import java.util.Map;

/**
 * A model that chose its own hyper-parameters on a validation cut. The temporal protocol copies
 * {@link #tuning()} into {@code results.json} ({@code parameters.tuning.NAME}) and the report's notes,
 * so that every figure can be traced to the values that produced it.
 */
public interface TunedModel {

    /** What was chosen, on what, with which validation figures (JSON-friendly, fixed order). */
    Map<String, Object> tuning();
}
