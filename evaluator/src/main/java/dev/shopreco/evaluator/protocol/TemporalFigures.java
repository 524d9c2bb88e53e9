package dev.shopreco.evaluator.protocol;

import dev.shopreco.evaluator.metrics.Curves;
import dev.shopreco.evaluator.metrics.ListTally;
import dev.shopreco.evaluator.metrics.MetricKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model's temporal figures from its two tallies: the headline metrics at K and the curves. */
final class TemporalFigures {

    private TemporalFigures() {
    }

    static ModelResult of(final boolean served, final ListTally all, final ListTally fresh, final int catalogSize,
            final int k) {
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final Map<String, double[]> curves = new LinkedHashMap<>();
        put(metrics, curves, all, "", catalogSize, k);
        put(metrics, curves, fresh, MetricKeys.NEW, catalogSize, k);
        return new ModelResult(served, metrics, curves);
    }

    private static void put(final Map<String, Double> metrics, final Map<String, double[]> curves,
            final ListTally tally, final String suffix, final int catalogSize, final int k) {
        final Curves mean = tally.mean();
        metrics.put(MetricKeys.recall(k) + suffix, mean.recall()[k - 1]);
        metrics.put(MetricKeys.ndcg(k) + suffix, mean.ndcg()[k - 1]);
        metrics.put(MetricKeys.map(k) + suffix, mean.ap()[k - 1]);
        metrics.put(MetricKeys.coverage(k) + suffix, tally.coverage(catalogSize));
        metrics.put(MetricKeys.FALLBACK_SHARE + suffix, tally.fallbackShare());
        curves.put(MetricKeys.curve("recall") + suffix, mean.recall());
        curves.put(MetricKeys.curve("ndcg") + suffix, mean.ndcg());
        curves.put(MetricKeys.curve("map") + suffix, mean.ap());
    }
}
