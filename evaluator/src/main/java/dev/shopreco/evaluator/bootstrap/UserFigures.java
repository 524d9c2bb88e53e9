package dev.shopreco.evaluator.bootstrap;

import dev.shopreco.evaluator.metrics.Curves;
import java.util.List;

/**
 * The per-user figures of every model over one population of users (the test users of a protocol,
 * or those of its "new" variant): what the bootstrap resamples. For each user a weight and, per
 * model, the recall@K and NDCG@K curves; a model's figure is the sum of its users' curves over
 * the sum of their weights (weight 1 and the user's own curves: the mean over users; weight =
 * the user's test pairs and the sum of their pairs' curves: the mean over pairs).
 *
 * <p>Memory: {@code 8 * users * models * 2 * maxK} bytes.
 */
public final class UserFigures {

    /** The curves kept per model, in series order. */
    static final List<String> METRICS = List.of("recall", "ndcg");

    private final List<String> models;
    private final int maxK;
    private final double[] weights;
    /** values[series(model, metric, k)][user]. */
    private final double[][] values;

    /**
     * @param models the models' names, in report order
     * @param users  the population's size
     * @param maxK   curves run over K = 1..maxK
     */
    public UserFigures(final List<String> models, final int users, final int maxK) {
        this.models = List.copyOf(models);
        this.maxK = maxK;
        this.weights = new double[users];
        this.values = new double[models.size() * METRICS.size() * maxK][users];
    }

    /**
     * Sets user {@code user}'s figures from model {@code model}: the sums of its curves (one list's
     * curves, or several summed) and the weight they stand for (1 for one list).
     */
    public void put(final int user, final int model, final Curves sums, final double weight) {
        if (sums.maxK() != maxK) {
            throw new IllegalArgumentException("curves up to K=" + sums.maxK() + " for figures up to K=" + maxK);
        }
        if (weights[user] != 0 && weights[user] != weight) {
            throw new IllegalArgumentException("user " + user + " has weight " + weights[user] + ", not " + weight);
        }
        weights[user] = weight;
        for (int k = 0; k < maxK; k++) {
            values[series(model, 0, k + 1)][user] = sums.recall()[k];
            values[series(model, 1, k + 1)][user] = sums.ndcg()[k];
        }
    }

    public List<String> models() {
        return models;
    }

    public int users() {
        return weights.length;
    }

    public int maxK() {
        return maxK;
    }

    double[] weights() {
        return weights;
    }

    double[][] values() {
        return values;
    }

    /** The row of model {@code model}'s metric {@code metric} (index in {@link #METRICS}) at K. */
    int series(final int model, final int metric, final int k) {
        return (model * METRICS.size() + metric) * maxK + k - 1;
    }

    /** The figure on the whole population (what the tables show). */
    double statistic(final int model, final int metric, final int k) {
        return PairedBootstrap.statistic(weights, values[series(model, metric, k)]);
    }
}
