package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.protocol.TemporalProtocol;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.Recommender;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid search on a {@link ValidationCut}: every grid point is fitted once on the cut's fit part
 * and scored on both {@link Variant}s; the best point per variant is the one with the highest mean
 * NDCG@10, the first in grid order on a tie (so put the simpler or cheaper settings first). Reusable
 * for any model, e.g. a hybrid's blend weights:
 *
 * <pre>{@code
 * Tuning<Weights> tuning = Tuning.run(ValidationCut.of(training, 0.8), grid, (set, w) -> Hybrid.of(set.state(), w));
 * Weights chosen = tuning.best(Variant.NEW).parameter();
 * }</pre>
 *
 * @param <P> the grid point type
 */
public final class Tuning<P extends GridPoint> {

    /** Fits a model on a training set with one grid point. */
    @FunctionalInterface
    public interface ModelFactory<P> {
        Recommender fit(TrainingSet training, P parameter);
    }

    /**
     * The models of every grid point at once, fitted on a training set, for models whose per-user work
     * can be shared across the points (a hybrid's blends all read the same signals).
     */
    @FunctionalInterface
    public interface SharedModels {
        /** The top-{@code k} product ids each point's model lists for {@code user}, in grid order. */
        List<List<Long>> recommendEach(long user, int k, Exclusion exclusion);
    }

    /**
     * A grid point and its validation figure.
     *
     * @param parameter the grid point
     * @param ndcg      mean validation NDCG@10 (NaN when the variant had no validation user)
     */
    public record Choice<P>(P parameter, double ndcg) {
    }

    private final ValidationCut cut;
    private final List<P> grid;
    private final Map<Variant, double[]> scores;

    private Tuning(final ValidationCut cut, final List<P> grid, final Map<Variant, double[]> scores) {
        this.cut = cut;
        this.grid = grid;
        this.scores = scores;
    }

    /** Fits and scores every point of {@code grid} (not empty) on {@code cut}. */
    public static <P extends GridPoint> Tuning<P> run(final ValidationCut cut, final List<P> grid,
            final ModelFactory<P> factory) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("An empty grid has no best point");
        }
        final Map<Variant, double[]> scores = new EnumMap<>(Variant.class);
        for (final Variant variant : Variant.values()) {
            scores.put(variant, new double[grid.size()]);
        }
        for (int i = 0; i < grid.size(); i++) {
            final Recommender model = factory.fit(cut.fitPart(), grid.get(i));
            for (final Variant variant : Variant.values()) {
                scores.get(variant)[i] = cut.ndcg(model, variant);
            }
        }
        return new Tuning<>(cut, List.copyOf(grid), scores);
    }

    /**
     * Scores every point of {@code grid} (not empty) on {@code cut} through {@code models}, fitted on
     * the cut's fit part: the same figures as {@link #run} with one model per point.
     */
    public static <P extends GridPoint> Tuning<P> runShared(final ValidationCut cut, final List<P> grid,
            final SharedModels models) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("An empty grid has no best point");
        }
        final Map<Variant, double[]> scores = new EnumMap<>(Variant.class);
        for (final Variant variant : Variant.values()) {
            scores.put(variant, cut.ndcgEach(models, variant, grid.size()));
        }
        return new Tuning<>(cut, List.copyOf(grid), scores);
    }

    /** The best grid point for {@code variant} and its validation NDCG@10. */
    public Choice<P> best(final Variant variant) {
        final double[] s = scores.get(variant);
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            // strictly better only, so the first point wins a tie; NaN (no users) never wins
            if (!Double.isNaN(s[i]) && (Double.isNaN(s[best]) || s[i] > s[best])) {
                best = i;
            }
        }
        return new Choice<>(grid.get(best), s[best]);
    }

    /** The {@code index}-th grid point and its validation NDCG@10 for {@code variant}. */
    public Choice<P> at(final Variant variant, final int index) {
        return new Choice<>(grid.get(index), scores.get(variant)[index]);
    }

    /** Every grid point with its validation figures, in grid order. */
    public List<Map<String, Object>> table() {
        final List<Map<String, Object>> rows = new ArrayList<>(grid.size());
        for (int i = 0; i < grid.size(); i++) {
            final Map<String, Object> row = new LinkedHashMap<>(grid.get(i).describe());
            for (final Variant variant : Variant.values()) {
                row.put(key(variant), scores.get(variant)[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** What {@code results.json} records: the cut, its sizes, the choice per variant and the whole grid. */
    public Map<String, Object> describe() {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("validation_cut", cut.cut().toString());
        out.put("validation_rule", "event time at rank floor(" + cut.quantile()
                + " * N) of the training part; fitted before it, scored after it; never the test part");
        out.put("fit_events", cut.fitPart().interactions().size());
        for (final Variant variant : Variant.values()) {
            out.put("validation_users" + variant.suffix(), cut.users(variant).size());
        }
        for (final Variant variant : Variant.values()) {
            final Choice<P> choice = best(variant);
            final Map<String, Object> chosen = new LinkedHashMap<>(choice.parameter().describe());
            chosen.put("validation_" + key(variant), choice.ndcg());
            out.put(variant.label(), chosen);
        }
        out.put("grid", table());
        return out;
    }

    private static String key(final Variant variant) {
        return MetricKeys.ndcg(TemporalProtocol.REPORT_K) + variant.suffix();
    }
}
