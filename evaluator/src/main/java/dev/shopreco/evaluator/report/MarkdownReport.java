package dev.shopreco.evaluator.report;

import dev.shopreco.evaluator.bootstrap.Difference;
import dev.shopreco.evaluator.bootstrap.Interval;
import dev.shopreco.evaluator.bootstrap.Significance;
import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.protocol.EvaluationResult;
import dev.shopreco.evaluator.protocol.ModelResult;
import dev.shopreco.evaluator.protocol.TemporalProtocol;
import dev.shopreco.streams.model.Recommenders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown report printed on stdout: what was run, on what, and the table(s). With the
 * bootstrap on, recall@10 and NDCG@10 carry their interval in brackets, and each table is followed
 * by the paired differences of the served models against POPULARITY and the best offline baseline.
 */
public final class MarkdownReport {

    private static final int K = TemporalProtocol.REPORT_K;

    private MarkdownReport() {
    }

    /** The report of {@code result}. */
    public static String render(final EvaluationResult result) {
        final StringBuilder out = new StringBuilder();
        final Map<String, Object> p = result.parameters();
        final Significance significance = result.significance();
        if (result.leaksTestSet()) {
            out.append("## Protocol `seed` (the original's, docs/design.md §7)\n\n");
            out.append("> **Leaks the test set:** every model was fitted on all interactions, the test part included, "
                    + "as the original did. This reproduces the original's table; it does not measure the models.\n\n");
            out.append(String.format(Locale.ROOT, "%,d users, %,d test pairs, %s sampled negatives per pair, seed %s. "
                    + "Snapshot: %s.%n%n", result.users(), result.testPairs(), p.get("negatives"), p.get("seed"),
                    SnapshotSummary.of(result.snapshot())));
            intervalsNote(out, significance);
            table(out, result, List.of(MetricKeys.recall(5), MetricKeys.recall(10), MetricKeys.ndcg(10)), "");
            differences(out, result, "");
        } else {
            out.append("## Protocol `temporal` (ours: time cut, full catalog)\n\n");
            out.append(String.format(Locale.ROOT, "Cut at %s (%s); models fitted on the events before it. Seed %s. "
                    + "Snapshot: %s.%n%n", p.get("cut"), p.get("cut_rule"), p.get("seed"),
                    SnapshotSummary.of(result.snapshot())));
            intervalsNote(out, significance);
            final List<String> keys = List.of(MetricKeys.recall(K), MetricKeys.ndcg(K), MetricKeys.map(K),
                    MetricKeys.coverage(K), MetricKeys.FALLBACK_SHARE);
            out.append(String.format(Locale.ROOT, "**all** (relevant: every product touched after the cut): "
                    + "%,d users, %,d test pairs%n%n", result.users(), result.testPairs()));
            table(out, result, keys, "");
            differences(out, result, "");
            out.append(String.format(Locale.ROOT, "%n**new** (relevant: products not touched before the cut, "
                    + "which are excluded from the list): %,d users, %,d test pairs%n%n",
                    toLong(result.counts().get("users" + MetricKeys.NEW)),
                    toLong(result.counts().get("test_pairs" + MetricKeys.NEW))));
            table(out, result, keys, MetricKeys.NEW);
            differences(out, result, MetricKeys.NEW);
            if (p.get("tuning") instanceof Map<?, ?> tuning) {
                TuningNotes.append(out, tuning);
            }
        }
        return out.toString();
    }

    private static void intervalsNote(final StringBuilder out, final Significance significance) {
        if (significance == null) {
            return;
        }
        out.append(String.format(Locale.ROOT, "In brackets: %s %% intervals, %s (%,d resamples, seed %d). "
                + "A difference is marked **>0** or **<0** when its interval lies above or below 0; unmarked, "
                + "the interval contains 0.%n%n", significance.settings().percent(),
                Significance.METHOD, significance.settings().resamples(), significance.settings().seed()));
    }

    private static void table(final StringBuilder out, final EvaluationResult result, final List<String> keys,
            final String suffix) {
        final Significance significance = result.significance();
        out.append("| model |");
        keys.forEach(key -> out.append(' ').append(key).append(" |"));
        out.append("\n|---|");
        keys.forEach(key -> out.append("---:|"));
        out.append('\n');
        for (final Map.Entry<String, ModelResult> model : result.models().entrySet()) {
            out.append("| ").append(Labels.row(model.getKey(), model.getValue().served())).append(" |");
            for (final String key : keys) {
                out.append(String.format(Locale.ROOT, " %.4f", model.getValue().metric(key + suffix)));
                final Interval interval = significance == null ? null
                        : significance.interval(model.getKey(), key + suffix);
                if (interval != null) {
                    out.append(String.format(Locale.ROOT, " [%.4f, %.4f]", interval.low(), interval.high()));
                }
                out.append(" |");
            }
            out.append('\n');
        }
    }

    /** The differences of the served models on one variant, one column per (metric, reference). */
    private static void differences(final StringBuilder out, final EvaluationResult result, final String suffix) {
        final Significance significance = result.significance();
        if (significance == null || !significance.users().containsKey(suffix)) {
            return;
        }
        final List<String> references = new ArrayList<>();
        if (result.models().containsKey(Recommenders.POPULARITY)) {
            references.add(Recommenders.POPULARITY);
        }
        final String baseline = significance.bestBaseline().get(suffix);
        if (baseline != null) {
            references.add(baseline);
        }
        if (references.isEmpty()) {
            return;
        }
        final List<String> metrics = List.of(MetricKeys.ndcg(significance.k()), MetricKeys.recall(significance.k()));
        out.append("\n| served model |");
        for (final String reference : references) {
            for (final String metric : metrics) {
                out.append(' ').append(metric).append(" − ").append(Labels.name(reference))
                        .append(reference.equals(baseline) ? " (best offline)" : "").append(" |");
            }
        }
        out.append("\n|---|");
        references.forEach(r -> metrics.forEach(m -> out.append("---:|")));
        out.append('\n');
        for (final Map.Entry<String, ModelResult> model : result.models().entrySet()) {
            if (!model.getValue().served()) {
                continue;
            }
            final StringBuilder row = new StringBuilder("| ").append(model.getKey()).append(" |");
            boolean any = false;
            for (final String reference : references) {
                for (final String metric : metrics) {
                    final Difference d = significance.difference(model.getKey(), reference, metric + suffix);
                    row.append(' ').append(d == null ? "" : format(d)).append(" |");
                    any |= d != null;
                }
            }
            if (any) {
                out.append(row).append('\n');
            }
        }
        for (final Difference d : significance.differences()) {
            if (d.metric().equals(metrics.get(0) + suffix) && !result.models().get(d.model()).served()
                    && !result.models().get(d.reference()).served()) {
                final Difference recall = significance.difference(d.model(), d.reference(), metrics.get(1) + suffix);
                out.append(String.format(Locale.ROOT, "%nOffline baselines: %s − %s: %s %s, %s %s.%n",
                        Labels.name(d.model()), Labels.name(d.reference()), metrics.get(0), format(d), metrics.get(1),
                        format(recall)));
            }
        }
    }

    /** {@code +0.0312 [+0.0201, +0.0420] **>0**}. */
    static String format(final Difference d) {
        final String mark = switch (d.interval().sign()) {
            case ABOVE_ZERO -> " **>0**";
            case BELOW_ZERO -> " **<0**";
            case CONTAINS_ZERO -> "";
        };
        return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]%s", d.difference(), d.interval().low(),
                d.interval().high(), mark);
    }

    private static long toLong(final Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
