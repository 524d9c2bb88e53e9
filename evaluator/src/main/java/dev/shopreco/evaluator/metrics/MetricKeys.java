package dev.shopreco.evaluator.metrics;

/**
 * The names of the figures in {@code results.json} and the tables: {@code recall@10},
 * {@code ndcg@10}, {@code map@10}, {@code coverage@10}, {@code fallback_share}; the "new" variant
 * of the temporal protocol appends {@code :new} ({@code ndcg@10:new}). Curves over K are
 * {@code recall@k}, {@code ndcg@k}, {@code map@k} (with {@code :new}).
 */
public final class MetricKeys {

    public static final String FALLBACK_SHARE = "fallback_share";
    public static final String NEW = ":new";

    private MetricKeys() {
    }

    public static String recall(final int k) {
        return "recall@" + k;
    }

    public static String ndcg(final int k) {
        return "ndcg@" + k;
    }

    public static String map(final int k) {
        return "map@" + k;
    }

    public static String coverage(final int k) {
        return "coverage@" + k;
    }

    /** The key of a curve over K: {@code recall@k}, {@code ndcg@k}, {@code map@k}. */
    public static String curve(final String metric) {
        return metric + "@k";
    }
}
