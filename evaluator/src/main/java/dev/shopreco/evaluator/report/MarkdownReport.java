package dev.shopreco.evaluator.report;

import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.protocol.EvaluationResult;
import dev.shopreco.evaluator.protocol.ModelResult;
import dev.shopreco.evaluator.protocol.TemporalProtocol;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report printed on stdout: what was run, on what, and the table(s). */
public final class MarkdownReport {

    private static final int K = TemporalProtocol.REPORT_K;

    private MarkdownReport() {
    }

    /** The report of {@code result}. */
    public static String render(final EvaluationResult result) {
        final StringBuilder out = new StringBuilder();
        final Map<String, Object> p = result.parameters();
        if (result.leaksTestSet()) {
            out.append("## Protocol `seed` (the original's, DESIGN §1)\n\n");
            out.append("> **Leaks the test set:** every model was fitted on all interactions, the test part included, "
                    + "as the original did. This reproduces the original's table; it does not measure the models.\n\n");
            out.append(String.format(Locale.ROOT, "%,d users, %,d test pairs, %s sampled negatives per pair, seed %s. "
                    + "Snapshot: %s.%n%n", result.users(), result.testPairs(), p.get("negatives"), p.get("seed"),
                    SnapshotSummary.of(result.snapshot())));
            table(out, result, List.of(MetricKeys.recall(5), MetricKeys.recall(10)), "");
        } else {
            out.append("## Protocol `temporal` (ours: time cut, full catalog)\n\n");
            out.append(String.format(Locale.ROOT, "Cut at %s (%s); models fitted on the events before it. Seed %s. "
                    + "Snapshot: %s.%n%n", p.get("cut"), p.get("cut_rule"), p.get("seed"),
                    SnapshotSummary.of(result.snapshot())));
            final List<String> keys = List.of(MetricKeys.recall(K), MetricKeys.ndcg(K), MetricKeys.map(K),
                    MetricKeys.coverage(K), MetricKeys.FALLBACK_SHARE);
            out.append(String.format(Locale.ROOT, "**all** (relevant: every product touched after the cut): "
                    + "%,d users, %,d test pairs%n%n", result.users(), result.testPairs()));
            table(out, result, keys, "");
            out.append(String.format(Locale.ROOT, "%n**new** (relevant: products not touched before the cut, "
                    + "which are excluded from the list): %,d users, %,d test pairs%n%n",
                    toLong(result.counts().get("users" + MetricKeys.NEW)),
                    toLong(result.counts().get("test_pairs" + MetricKeys.NEW))));
            table(out, result, keys, MetricKeys.NEW);
            if (p.get("tuning") instanceof Map<?, ?> tuning) {
                TuningNotes.append(out, tuning);
            }
        }
        return out.toString();
    }

    private static void table(final StringBuilder out, final EvaluationResult result, final List<String> keys,
            final String suffix) {
        out.append("| model |");
        keys.forEach(key -> out.append(' ').append(key).append(" |"));
        out.append("\n|---|");
        keys.forEach(key -> out.append("---:|"));
        out.append('\n');
        for (final Map.Entry<String, ModelResult> model : result.models().entrySet()) {
            out.append("| ").append(model.getKey()).append(model.getValue().served() ? "" : " (offline)").append(" |");
            for (final String key : keys) {
                out.append(String.format(Locale.ROOT, " %.4f |", model.getValue().metric(key + suffix)));
            }
            out.append('\n');
        }
    }

    private static long toLong(final Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
