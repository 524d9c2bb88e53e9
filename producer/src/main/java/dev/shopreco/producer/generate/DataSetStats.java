package dev.shopreco.producer.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statistics that say whether a data set looks like the shop's (data/README.md), computed by
 * one streaming pass over a data folder. "Interactions" are the cleaned events of docs/design.md §1: a
 * product id, and a user id given or recovered from the session; strength is VIEW 1, BUY 2 and
 * {@code s(u,p) = log2(1 + sum)}.
 *
 * @param products                   lines of the catalog
 * @param users                      lines of the user file
 * @param sessions                   distinct sessions
 * @param events                     valid session events
 * @param purchaseShare              share of events that are purchases
 * @param userNullShare              share of events without user id
 * @param recoverableShare           share of those whose session names its user in another event
 * @param productNullShare           share of events without product id
 * @param bothNullShare              share of events without either
 * @param purchasesWithoutView       purchases not preceded by a view of their product in their session
 * @param outOfOrderEvents           events earlier than the event before them in the file
 * @param productsTouched            catalog products that appear in some event
 * @param pricesNonPositive          products with price at most 0
 * @param pricesAbove100k            products with price above 100,000
 * @param ratingsMissing             products without a rating
 * @param distinctProductsPerUser    mean distinct products per user with interactions
 * @param touchedByMostShare         share of interacted products that more than half of the users touched
 * @param top10Share                 share of the ten most popular products in the total popularity
 * @param monthlyRepeatShare         share of a month's interactions on products the user touched in an
 *                                   earlier month, averaged over the months after the first
 * @param popularityCorrelation      correlation of products' interaction counts between consecutive
 *                                   months, averaged (1 = no drift)
 * @param categoryDivergence         mean total-variation distance between a user's category mix and the
 *                                   global one (0 = no personal taste; sampling noise alone gives a little)
 * @param first                      earliest event time
 * @param last                       latest event time
 * @param invalidLines               lines refused by the strict parsers, all files
 */
public record DataSetStats(
        int products, int users, long sessions, long events,
        double purchaseShare, double userNullShare, double recoverableShare, double productNullShare,
        double bothNullShare, long purchasesWithoutView, long outOfOrderEvents,
        int productsTouched, int pricesNonPositive, int pricesAbove100k, int ratingsMissing,
        double distinctProductsPerUser, double touchedByMostShare, double top10Share, double monthlyRepeatShare,
        double popularityCorrelation, double categoryDivergence,
        LocalDateTime first, LocalDateTime last, long invalidLines) {

    /** Reads {@code dir} ({@code .jsonl} or {@code .jsonl.gz} files) and computes the statistics. */
    public static DataSetStats compute(final Path dir) throws IOException {
        return StatsComputation.compute(dir);
    }

    public double sessionsPerUser() {
        return users == 0 ? 0 : (double) sessions / users;
    }

    public double eventsPerUser() {
        return users == 0 ? 0 : (double) events / users;
    }

    public double eventsPerSession() {
        return sessions == 0 ? 0 : (double) events / sessions;
    }

    public double touchedShare() {
        return products == 0 ? 0 : (double) productsTouched / products;
    }

    /** The statistics as a two-column Markdown table. */
    public String toMarkdown() {
        final List<String[]> rows = new ArrayList<>();
        rows.add(row("products", "%d", products));
        rows.add(row("users", "%,d", users));
        rows.add(row("sessions", "%,d", sessions));
        rows.add(row("events", "%,d", events));
        rows.add(row("sessions / user", "%.1f", sessionsPerUser()));
        rows.add(row("events / user", "%.1f", eventsPerUser()));
        rows.add(row("events / session", "%.2f", eventsPerSession()));
        rows.add(row("purchase share", "%.2f %%", 100 * purchaseShare));
        rows.add(row("purchases without a prior view in their session", "%d", purchasesWithoutView));
        rows.add(row("user_id null", "%.2f %%", 100 * userNullShare));
        rows.add(row("... of which recoverable from the session", "%.1f %%", 100 * recoverableShare));
        rows.add(row("product_id null", "%.2f %%", 100 * productNullShare));
        rows.add(row("both null", "%.2f %%", 100 * bothNullShare));
        rows.add(row("products ever touched", "%d (%.1f %%)", productsTouched, 100 * touchedShare()));
        rows.add(row("prices <= 0", "%d", pricesNonPositive));
        rows.add(row("prices > 100,000", "%d", pricesAbove100k));
        rows.add(row("ratings missing", "%d", ratingsMissing));
        rows.add(row("distinct products / user (mean)", "%.1f", distinctProductsPerUser));
        rows.add(row("touched products touched by > 50 % of users", "%.1f %%", 100 * touchedByMostShare));
        rows.add(row("top-10 share of popularity strength", "%.2f %%", 100 * top10Share));
        rows.add(row("monthly repeat share", "%.1f %%", 100 * monthlyRepeatShare));
        rows.add(row("month-to-month popularity correlation", "%.3f", popularityCorrelation));
        rows.add(row("category divergence user vs. all (mean TV distance)", "%.3f", categoryDivergence));
        rows.add(row("time range", "%s .. %s", first, last));
        rows.add(row("events out of timestamp order", "%d", outOfOrderEvents));
        rows.add(row("invalid lines", "%d", invalidLines));
        final StringBuilder out = new StringBuilder("| statistic | value |\n|---|---|\n");
        for (final String[] r : rows) {
            out.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n");
        }
        return out.toString();
    }

    private static String[] row(final String name, final String format, final Object... values) {
        return new String[] {name, String.format(Locale.ROOT, format, values)};
    }
}
