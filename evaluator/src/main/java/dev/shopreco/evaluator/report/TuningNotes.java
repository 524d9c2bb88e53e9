package dev.shopreco.evaluator.report;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The notes under the temporal tables saying which hyper-parameters the tuned models (the served
 * ITEM_EASE and HYBRID, the offline baselines) chose on their validation cut, so a figure in the table is never read without the settings behind it.
 * Reads the {@code parameters.tuning} map that {@code results.json} carries.
 */
final class TuningNotes {

    private TuningNotes() {
    }

    static void append(final StringBuilder out, final Map<?, ?> tuning) {
        out.append("\nHyper-parameters of the tuned models (served and offline), chosen on a validation cut of the training part "
                + "(never the test part) by validation NDCG@10, per variant, then refitted on the whole training part:\n\n");
        tuning.forEach((model, value) -> {
            if (value instanceof Map<?, ?> t) {
                out.append(String.format(Locale.ROOT, "- %s: validation cut %s, fitted on %,d events, scored on %s "
                        + "users (%s for \"new\"); \"all\": %s; \"new\": %s.%n", Labels.tuned(model.toString()), t.get("validation_cut"),
                        toLong(t.get("fit_events")), t.get("validation_users"), t.get("validation_users:new"),
                        choice(t.get("all")), choice(t.get("new"))));
            }
        });
    }

    /** {@code weighting=log, lambda=250.0 (validation ndcg@10 0.6123)}. */
    private static String choice(final Object value) {
        if (!(value instanceof Map<?, ?> chosen)) {
            return "?";
        }
        final String settings = chosen.entrySet().stream()
                .filter(e -> !String.valueOf(e.getKey()).startsWith("validation_"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        final String figure = chosen.entrySet().stream()
                .filter(e -> String.valueOf(e.getKey()).startsWith("validation_"))
                .map(e -> String.format(Locale.ROOT, "%s %.4f", String.valueOf(e.getKey()).substring(11),
                        ((Number) e.getValue()).doubleValue()))
                .collect(Collectors.joining(", "));
        return settings + " (validation " + figure + ")";
    }

    private static long toLong(final Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
