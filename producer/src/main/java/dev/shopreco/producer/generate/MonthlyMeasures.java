package dev.shopreco.producer.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The statistics about change over time and about personal taste, from the scan's aggregates. */
final class MonthlyMeasures {

    private MonthlyMeasures() {
    }

    /** Mean over the months after the first of the share of interactions on products touched in an earlier month. */
    static double repeatShare(final TreeMap<Integer, SessionScan.Month> months) {
        double sum = 0;
        int n = 0;
        boolean firstMonth = true;
        for (final SessionScan.Month m : months.values()) {
            if (!firstMonth && m.events > 0) {
                sum += (double) m.repeats / m.events;
                n++;
            }
            firstMonth = false;
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Mean Pearson correlation of the products' interaction counts between consecutive months. */
    static double popularityCorrelation(final TreeMap<Integer, SessionScan.Month> months, final int products) {
        final List<double[]> counts = new ArrayList<>();
        for (final SessionScan.Month m : months.values()) {
            final double[] c = new double[products];
            for (final Map.Entry<Integer, Long> e : m.perProduct.entrySet()) {
                c[e.getKey()] = e.getValue();
            }
            counts.add(c);
        }
        double sum = 0;
        int n = 0;
        for (int i = 1; i < counts.size(); i++) {
            final double r = pearson(counts.get(i - 1), counts.get(i));
            if (!Double.isNaN(r)) {
                sum += r;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Mean over users of the total-variation distance between the user's category mix (by strength)
     * and everyone's. Near 0 when users follow the crowd; sampling noise alone gives a few hundredths.
     */
    static double categoryDivergence(final double[][] userCategories) {
        if (userCategories.length == 0 || userCategories[0].length == 0) {
            return 0;
        }
        final int categories = userCategories[0].length;
        final double[] global = new double[categories];
        double globalTotal = 0;
        for (final double[] u : userCategories) {
            for (int c = 0; c < categories; c++) {
                global[c] += u[c];
                globalTotal += u[c];
            }
        }
        double sum = 0;
        int n = 0;
        for (final double[] u : userCategories) {
            double total = 0;
            for (final double v : u) {
                total += v;
            }
            if (total <= 0) {
                continue;
            }
            double tv = 0;
            for (int c = 0; c < categories; c++) {
                tv += Math.abs(u[c] / total - global[c] / globalTotal);
            }
            sum += tv / 2;
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Pearson correlation over the products touched in either month (never-touched ones would inflate it). */
    private static double pearson(final double[] x, final double[] y) {
        double mx = 0;
        double my = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] + y[i] > 0) {
                mx += x[i];
                my += y[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] + y[i] <= 0) {
                continue;
            }
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
