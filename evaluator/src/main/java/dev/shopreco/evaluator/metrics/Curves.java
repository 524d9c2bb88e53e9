package dev.shopreco.evaluator.metrics;

import java.util.List;
import java.util.Set;

/**
 * Recall@K, NDCG@K and AP@K of one ranked list for K = 1..maxK, with binary relevance, in one pass.
 *
 * <ul>
 *   <li>recall@K = hits in the top K / min(K, |relevant|), so that a perfect list scores 1 even when
 *       the user has more relevant products than K;</li>
 *   <li>NDCG@K = DCG@K / IDCG@K, DCG@K = sum over hits at rank i &le; K of 1 / log2(i + 1), IDCG@K the
 *       DCG of min(K, |relevant|) hits at the top;</li>
 *   <li>AP@K = (sum over hits at rank i &le; K of precision@i) / min(K, |relevant|) (MAP@K is its mean
 *       over users).</li>
 * </ul>
 * With a single relevant product (the sampled protocol) recall@K is the hit indicator and NDCG@K
 * is 1 / log2(rank + 1) for a hit within K.
 *
 * @param recall recall[K - 1] is recall@K
 * @param ndcg   ndcg[K - 1] is NDCG@K
 * @param ap     ap[K - 1] is AP@K
 */
public record Curves(double[] recall, double[] ndcg, double[] ap) {

    /** The curves of {@code ranked} (best first; may be shorter than maxK) against a non-empty {@code relevant}. */
    public static Curves of(final List<Long> ranked, final Set<Long> relevant, final int maxK) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("No relevant product: the metrics are undefined");
        }
        final double[] recall = new double[maxK];
        final double[] ndcg = new double[maxK];
        final double[] ap = new double[maxK];
        int hits = 0;
        double dcg = 0.0;
        double idcg = 0.0;
        double precisionSum = 0.0;
        for (int k = 1; k <= maxK; k++) {
            if (k <= ranked.size() && relevant.contains(ranked.get(k - 1))) {
                hits++;
                dcg += discount(k);
                precisionSum += (double) hits / k;
            }
            if (k <= relevant.size()) {
                idcg += discount(k);
            }
            final int best = Math.min(k, relevant.size());
            recall[k - 1] = (double) hits / best;
            ndcg[k - 1] = dcg / idcg;
            ap[k - 1] = precisionSum / best;
        }
        return new Curves(recall, ndcg, ap);
    }

    /** {@code 1 / log2(rank + 1)}. */
    static double discount(final int rank) {
        return Math.log(2.0) / Math.log(rank + 1.0);
    }

    /** The largest K. */
    public int maxK() {
        return recall.length;
    }
}
