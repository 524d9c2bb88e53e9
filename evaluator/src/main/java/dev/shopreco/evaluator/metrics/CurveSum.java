package dev.shopreco.evaluator.metrics;

/**
 * Sums of {@link Curves} over users (or test pairs), for their means. Not thread-safe: each worker
 * sums its own and the sums are combined in a fixed order, so the means are bit-for-bit the same
 * whatever the number of threads.
 */
public final class CurveSum {

    private final double[] recall;
    private final double[] ndcg;
    private final double[] ap;
    private long count;

    public CurveSum(final int maxK) {
        this.recall = new double[maxK];
        this.ndcg = new double[maxK];
        this.ap = new double[maxK];
    }

    /** Adds one list's curves. */
    public void add(final Curves curves) {
        add(curves.recall(), curves.ndcg(), curves.ap(), 1);
    }

    /** Adds another sum. */
    public void add(final CurveSum other) {
        add(other.recall, other.ndcg, other.ap, other.count);
    }

    private void add(final double[] r, final double[] n, final double[] a, final long lists) {
        if (r.length != recall.length) {
            throw new IllegalArgumentException("Curves up to K=" + r.length + " added to a sum up to K=" + recall.length);
        }
        for (int i = 0; i < recall.length; i++) {
            recall[i] += r[i];
            ndcg[i] += n[i];
            ap[i] += a[i];
        }
        count += lists;
    }

    /** How many lists were added. */
    public long count() {
        return count;
    }

    /** The sums themselves, as curves (a copy). */
    public Curves sums() {
        return new Curves(recall.clone(), ndcg.clone(), ap.clone());
    }

    /** The mean curves (all zero when nothing was added). */
    public Curves mean() {
        return new Curves(divide(recall), divide(ndcg), divide(ap));
    }

    private double[] divide(final double[] sums) {
        final double[] means = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            means[i] = count == 0 ? 0.0 : sums[i] / count;
        }
        return means;
    }
}
