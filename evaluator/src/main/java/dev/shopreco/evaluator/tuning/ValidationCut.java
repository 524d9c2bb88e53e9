package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.metrics.Curves;
import dev.shopreco.evaluator.protocol.TemporalProtocol;
import dev.shopreco.evaluator.protocol.TemporalSplit;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.model.Recommender;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A validation cut taken from the end of a training part, so that hyper-parameters are chosen
 * without ever looking at the test part: the training part is split again in time, at the same
 * quantile as the protocol's cut (the 80th percentile of the training part's event time by
 * default); candidates are fitted on the events before the validation cut and asked the temporal
 * protocol's questions ({@link Variant}) about the events after it, with the same metric (NDCG@10,
 * full catalog, as served by {@link Recommender#recommend}).
 *
 * <p>Everything here is built from {@link TrainingSet#interactions()} alone, which the temporal
 * protocol fills with the events strictly before its own cut.
 */
public final class ValidationCut {

    private final TemporalSplit split;
    private final TrainingSet fitPart;
    private final List<Long> users;
    private final double quantile;

    private ValidationCut(final TemporalSplit split, final TrainingSet fitPart, final double quantile) {
        this.split = split;
        this.fitPart = fitPart;
        this.users = split.testUsers();
        this.quantile = quantile;
    }

    /** The cut at {@code quantile} of the event time of {@code training}'s interactions. */
    public static ValidationCut of(final TrainingSet training, final double quantile) {
        final LocalDateTime cut = TemporalSplit.quantileCut(training.interactions(), quantile);
        final TemporalSplit split = TemporalSplit.at(training.interactions(), cut);
        return new ValidationCut(split, TrainingSet.of(split.train(), training.catalog(), training.seed(),
                training.gram()), quantile);
    }

    /** The validation cut time. */
    public LocalDateTime cut() {
        return split.cut();
    }

    /** The quantile it was taken at. */
    public double quantile() {
        return quantile;
    }

    /** What candidates are fitted on: the training part's events before the validation cut. */
    public TrainingSet fitPart() {
        return fitPart;
    }

    /** The split of the training part at the validation cut. */
    public TemporalSplit split() {
        return split;
    }

    /** Users the variant scores: events on both sides of the validation cut (and a new product for "new"). */
    public List<Long> users(final Variant variant) {
        return users.stream().filter(u -> !variant.relevant(split, u).isEmpty()).toList();
    }

    /**
     * Mean NDCG@10 of {@code model} (fitted on {@link #fitPart()}) over the variant's users, or NaN
     * when the variant has none. Users are scored in parallel and summed in user order, so the
     * figure does not depend on the number of threads.
     */
    public double ndcg(final Recommender model, final Variant variant) {
        return ndcgEach((user, k, exclusion) -> List.of(model.recommend(user, k, exclusion).productIds()),
                variant, 1)[0];
    }

    /**
     * {@link #ndcg} of each of the {@code points} models {@code models} answers for at once, in its
     * order (NaN when the variant has no users).
     */
    public double[] ndcgEach(final Tuning.SharedModels models, final Variant variant, final int points) {
        final List<Long> scored = users(variant);
        final double[] mean = new double[points];
        if (scored.isEmpty()) {
            Arrays.fill(mean, Double.NaN);
            return mean;
        }
        final int k = TemporalProtocol.REPORT_K;
        final double[][] perUser = scored.parallelStream().map(user -> {
            final Set<Long> relevant = variant.relevant(split, user);
            final List<List<Long>> lists = models.recommendEach(user, k, variant.exclusion());
            if (lists.size() != points) {
                throw new IllegalStateException("Expected " + points + " lists for user " + user + ", got "
                        + lists.size());
            }
            final double[] ndcg = new double[points];
            for (int i = 0; i < points; i++) {
                ndcg[i] = Curves.of(lists.get(i), relevant, k).ndcg()[k - 1];
            }
            return ndcg;
        }).toArray(double[][]::new);
        for (final double[] user : perUser) {
            for (int i = 0; i < points; i++) {
                mean[i] += user[i];
            }
        }
        for (int i = 0; i < points; i++) {
            mean[i] /= perUser.length;
        }
        return mean;
    }
}
