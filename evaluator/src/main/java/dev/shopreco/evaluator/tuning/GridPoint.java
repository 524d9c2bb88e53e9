package dev.shopreco.evaluator.tuning;

import java.util.Map;
import java.util.stream.Collectors;

/** One point of a tuning grid (a λ, a k, a set of blend weights) that can say what it is for the reports. */
public interface GridPoint {

    /** Parameter name to value, in a fixed order (goes into {@code results.json}). */
    Map<String, Object> describe();

    /** {@code name=value, name=value}, for labels and the Markdown notes. */
    default String label() {
        return describe().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
