package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.metrics.Curves;
import dev.shopreco.evaluator.protocol.TemporalProtocol;
import dev.shopreco.evaluator.protocol.TemporalSplit;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.model.Recommender;
import java.time.LocalDateTime;
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
        final List<Long> scored = users(variant);
        if (scored.isEmpty()) {
            return Double.NaN;
        }
        final int k = TemporalProtocol.REPORT_K;
        final double[] perUser = scored.parallelStream().mapToDouble(user -> {
            final Set<Long> relevant = variant.relevant(split, user);
            final List<Long> list = model.recommend(user, k, variant.exclusion()).productIds();
            return Curves.of(list, relevant, k).ndcg()[k - 1];
        }).toArray();
        double sum = 0.0;
        for (final double value : perUser) {
            sum += value;
        }
        return sum / perUser.length;
    }
}
