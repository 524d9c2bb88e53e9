package dev.shopreco.api.ui;

/** The page's answers as the project's JSON (snake_case, Jackson), as the records carry no Micronaut serde metadata. */
public final class DashboardJson {

    private DashboardJson() {
    }

    /** {@code value} as JSON text. */
    public static String of(final Object value) {
        return DashboardQueries.json(value);
    }
}
