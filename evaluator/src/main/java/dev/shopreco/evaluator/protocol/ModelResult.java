package dev.shopreco.evaluator.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model's figures in one evaluation.
 *
 * @param served  whether the API serves the model
 * @param metrics headline figures by {@link dev.shopreco.evaluator.metrics.MetricKeys} name, in report order
 * @param curves  figures for K = 1..maxK by curve name ({@code recall@k}, {@code ndcg@k}, ...); index K - 1
 */
public record ModelResult(boolean served, Map<String, Double> metrics, Map<String, double[]> curves) {

    public ModelResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
    }

    /** The figure {@code key}, or NaN if this protocol has none by that name. */
    public double metric(final String key) {
        return metrics.getOrDefault(key, Double.NaN);
    }
}
