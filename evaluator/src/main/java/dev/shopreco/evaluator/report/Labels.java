package dev.shopreco.evaluator.report;

/**
 * How reports write a model's name: a served model by its API name, an offline baseline by its name
 * less the {@code _OFFLINE} that keeps it apart from the served model of the same kind
 * ({@code USER_KNN_OFFLINE} is written "USER_KNN", with "(offline)" where served and offline rows
 * share a table).
 */
final class Labels {

    private static final String OFFLINE = "_OFFLINE";

    private Labels() {
    }

    /** The model's name as a reference or legend entry writes it. */
    static String name(final String model) {
        return model.endsWith(OFFLINE) ? model.substring(0, model.length() - OFFLINE.length()) : model;
    }

    /** The model's name in the tuning notes, where every model is tuned: "(offline)" only where a served one shares it. */
    static String tuned(final String model) {
        return model.endsWith(OFFLINE) ? name(model) + " (offline)" : model;
    }

    /** The model's name in a table row: offline baselines marked "(offline)". */
    static String row(final String model, final boolean served) {
        return served ? model : name(model) + " (offline)";
    }
}
