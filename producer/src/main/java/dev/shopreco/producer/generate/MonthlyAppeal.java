package dev.shopreco.producer.generate;

import java.util.SplittableRandom;

/**
 * How appealing each product is in each month: its base appeal times a log-normal factor that
 * wanders from month to month (an AR(1) process, so a product in fashion this month tends to stay
 * so for a while). This is what makes popularity drift, and what a model fitted on old months gets
 * partly wrong on new ones.
 */
final class MonthlyAppeal {

    /** Month-to-month correlation of a product's fashion: drift is gradual, not white noise. */
    private static final double PERSISTENCE = 0.6;

    private final int[][] productsOf;
    private final double[][] appeal;
    /** cumulative[m][c][k]: cumulative appeal of the first k+1 products of category c in month m. */
    private final double[][][] cumulative;
    private final double[][] categoryTotal;
    private final double[] globalCategoryShare;

    MonthlyAppeal(final GeneratedCatalog catalog, final int months, final double drift, final SplittableRandom rng) {
        final int n = catalog.size();
        final int categories = Categories.count();
        productsOf = productsByCategory(catalog.category(), categories);
        appeal = new double[months][n];
        final double[] fashion = new double[n];
        for (int p = 0; p < n; p++) {
            fashion[p] = RandomDraws.gaussian(rng);
        }
        for (int m = 0; m < months; m++) {
            for (int p = 0; p < n; p++) {
                if (m > 0) {
                    fashion[p] = PERSISTENCE * fashion[p]
                            + StrictMath.sqrt(1 - PERSISTENCE * PERSISTENCE) * RandomDraws.gaussian(rng);
                }
                appeal[m][p] = catalog.baseAppeal()[p] * StrictMath.exp(drift * fashion[p]);
            }
        }
        cumulative = new double[months][categories][];
        categoryTotal = new double[months][categories];
        for (int m = 0; m < months; m++) {
            for (int c = 0; c < categories; c++) {
                final int[] members = productsOf[c];
                final double[] cum = new double[members.length];
                double sum = 0;
                for (int k = 0; k < members.length; k++) {
                    sum += appeal[m][members[k]];
                    cum[k] = sum;
                }
                cumulative[m][c] = cum;
                categoryTotal[m][c] = sum;
            }
        }
        globalCategoryShare = shares(catalog, categories);
    }

    private static int[][] productsByCategory(final int[] category, final int categories) {
        final int[] counts = new int[categories];
        for (final int c : category) {
            counts[c]++;
        }
        final int[][] members = new int[categories][];
        for (int c = 0; c < categories; c++) {
            members[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int p = 0; p < category.length; p++) {
            members[category[p]][counts[category[p]]++] = p;
        }
        return members;
    }

    /** Each category's share of the crowd's attention, from base appeal. */
    private static double[] shares(final GeneratedCatalog catalog, final int categories) {
        final double[] share = new double[categories];
        double total = 0;
        for (int p = 0; p < catalog.size(); p++) {
            share[catalog.category()[p]] += catalog.baseAppeal()[p];
            total += catalog.baseAppeal()[p];
        }
        for (int c = 0; c < categories; c++) {
            share[c] /= total;
        }
        return share;
    }

    int months() {
        return appeal.length;
    }

    double appeal(final int month, final int product) {
        return appeal[month][product];
    }

    double categoryTotal(final int month, final int category) {
        return categoryTotal[month][category];
    }

    double[] globalCategoryShare() {
        return globalCategoryShare.clone();
    }

    /** A product of {@code category} drawn by its appeal in {@code month}; -1 if the category has none. */
    int drawInCategory(final SplittableRandom rng, final int month, final int category) {
        final double[] cum = cumulative[month][category];
        if (cum.length == 0 || cum[cum.length - 1] <= 0) {
            return -1;
        }
        return productsOf[category][RandomDraws.pick(rng, cum, cum.length)];
    }

    /** A product of {@code category} drawn by base appeal (used to pick a user's favourites). */
    int drawFavourite(final SplittableRandom rng, final int category, final double[] baseAppeal) {
        final int[] members = productsOf[category];
        final double[] cum = new double[members.length];
        double sum = 0;
        for (int k = 0; k < members.length; k++) {
            sum += baseAppeal[members[k]];
            cum[k] = sum;
        }
        return sum <= 0 ? -1 : members[RandomDraws.pick(rng, cum, cum.length)];
    }
}
