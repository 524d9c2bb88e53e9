package dev.shopreco.evaluator.metrics;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one model's full-ranking lists add up to: mean curves, catalog coverage of the top
 * {@code coverageK} (distinct products shown to anyone / catalog size) and the share of lists that
 * were a fallback.
 */
public final class ListTally {

    private final CurveSum curves;
    private final int coverageK;
    private final Set<Long> shown = new TreeSet<>();
    private long fallbacks;

    public ListTally(final int maxK, final int coverageK) {
        this.curves = new CurveSum(maxK);
        this.coverageK = coverageK;
    }

    /** Adds one user's list (best first), its curves, and whether it was a fallback. */
    public void add(final List<Long> list, final Curves listCurves, final boolean fallback) {
        curves.add(listCurves);
        shown.addAll(list.subList(0, Math.min(coverageK, list.size())));
        if (fallback) {
            fallbacks++;
        }
    }

    /** Lists added. */
    public long count() {
        return curves.count();
    }

    /** The mean curves. */
    public Curves mean() {
        return curves.mean();
    }

    /** Distinct products in any top-{@code coverageK} list, as a share of {@code catalogSize}. */
    public double coverage(final int catalogSize) {
        return catalogSize == 0 ? 0.0 : (double) shown.size() / catalogSize;
    }

    /** Share of the lists that were a fallback (0 when none was added). */
    public double fallbackShare() {
        return count() == 0 ? 0.0 : (double) fallbacks / count();
    }
}
