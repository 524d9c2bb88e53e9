package dev.shopreco.evaluator.baseline;

import dev.shopreco.evaluator.protocol.ModelSpec;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.evaluator.tuning.GridPoint;
import dev.shopreco.evaluator.tuning.Tuning;
import dev.shopreco.evaluator.tuning.ValidationCut;
import dev.shopreco.evaluator.tuning.Variant;
import dev.shopreco.evaluator.tuning.VariantRecommender;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.Recommender;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The offline reference baselines, EASE and user-kNN, as {@link ModelSpec}s that tune
 * themselves: on a {@link ValidationCut} of the training part they search their grid (the matrix
 * weighting and λ or k), per {@link Variant}, then refit the chosen point on the whole training part.
 * They set the bar for the served models; the API does not serve them.
 */
public final class Baselines {

    public static final String EASE = "EASE";
    /** The offline user-kNN; the served one is {@code USER_KNN}. Reports write it "USER_KNN (offline)". */
    public static final String USER_KNN = "USER_KNN_OFFLINE";
    /**
     * EASE's λ grid. Steck's data sets had their best λ between a few hundred and a few thousand; on
     * the default data set the "new" variant chose the largest of {1 .. 2500}, so the grid goes on
     * until the validation figure turns down again.
     */
    public static final List<Double> LAMBDAS = List.of(1.0, 10.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0,
            5000.0, 10000.0, 25000.0);
    /**
     * user-kNN's k grid: on the default data set "all" chose the smallest of {10 .. 200}, hence 5; on
     * the flat, repetitive variant the largest, hence 400 (larger k drifts towards popularity).
     */
    public static final List<Integer> NEIGHBOURS = List.of(5, 10, 25, 50, 100, 200, 400);

    /** An EASE grid point. */
    public record EaseSetting(Weighting weighting, double lambda) implements GridPoint {
        @Override
        public Map<String, Object> describe() {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("weighting", weighting.label());
            out.put("lambda", lambda);
            return out;
        }
    }

    /** A user-kNN grid point. */
    public record KnnSetting(Weighting weighting, int k) implements GridPoint {
        @Override
        public Map<String, Object> describe() {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("weighting", weighting.label());
            out.put("k", k);
            return out;
        }
    }

    private Baselines() {
    }

    /** Both baselines, tuned on a validation cut at {@code quantile} of the training part's event time. */
    public static List<ModelSpec> all(final double quantile) {
        return List.of(ease(quantile), userKnn(quantile));
    }

    /** EASE's grid: {@link Weighting} x {@link #LAMBDAS} (the served ITEM_EASE searches the same one). */
    public static List<EaseSetting> easeGrid() {
        final List<EaseSetting> grid = new ArrayList<>();
        for (final Weighting weighting : Weighting.values()) {
            LAMBDAS.forEach(lambda -> grid.add(new EaseSetting(weighting, lambda)));
        }
        return grid;
    }

    /** EASE, tuned over {@link #easeGrid()}. */
    public static ModelSpec ease(final double quantile) {
        final List<EaseSetting> grid = easeGrid();
        return ModelSpec.of(EASE, false, training -> tuned(EASE, training, quantile, grid, easeFactory()));
    }

    /** User-kNN's grid: {@link Weighting} x {@link #NEIGHBOURS} (the served USER_KNN searches the same one). */
    public static List<KnnSetting> knnGrid() {
        final List<KnnSetting> grid = new ArrayList<>();
        for (final Weighting weighting : Weighting.values()) {
            NEIGHBOURS.forEach(k -> grid.add(new KnnSetting(weighting, k)));
        }
        return grid;
    }

    /** User-kNN, tuned over {@link #knnGrid()}. */
    public static ModelSpec userKnn(final double quantile) {
        final List<KnnSetting> grid = knnGrid();
        return ModelSpec.of(USER_KNN, false, training -> tuned(USER_KNN, training, quantile, grid, knnFactory()));
    }

    /** EASE with one setting, fitted on {@code training} (no tuning). */
    public static Recommender ease(final TrainingSet training, final EaseSetting setting) {
        return easeFactory().fit(training, setting);
    }

    /** User-kNN with one setting, fitted on {@code training} (no tuning). */
    public static Recommender userKnn(final TrainingSet training, final KnnSetting setting) {
        return knnFactory().fit(training, setting);
    }

    /** EASE fits. λ only changes the diagonal: one Gram matrix per training set and weighting serves the grid. */
    private static Tuning.ModelFactory<EaseSetting> easeFactory() {
        final Shared<double[][]> grams = new Shared<>();
        return (set, setting) -> {
            final StrengthMatrix x = StrengthMatrix.of(set.state(), setting.weighting());
            final double[][] gram = grams.get(set, setting.weighting(), x::gram);
            return new BaselineRecommender(EASE, set.state(), Ease.fit(x, gram, setting.lambda()));
        };
    }

    /**
     * User-kNN fits. k only truncates the neighbour lists: one similarity per training set and
     * weighting serves the grid.
     */
    private static Tuning.ModelFactory<KnnSetting> knnFactory() {
        final int maxK = NEIGHBOURS.stream().mapToInt(Integer::intValue).max().orElseThrow();
        final Shared<UserSimilarity> similarities = new Shared<>();
        return (set, setting) -> {
            final UserSimilarity similarity = similarities.get(set, setting.weighting(),
                    () -> UserSimilarity.of(StrengthMatrix.of(set.state(), setting.weighting()),
                            Math.max(maxK, setting.k())));
            return new BaselineRecommender(USER_KNN, set.state(), UserKnn.fit(similarity, setting.k()));
        };
    }

    /**
     * Values computed once per (training set, weighting) within one model's tuning and refit. Tuning
     * fits the grid points one after the other, so no concurrent access.
     */
    private static final class Shared<T> {
        private final Map<TrainingSet, Map<Weighting, T>> values = new IdentityHashMap<>();

        T get(final TrainingSet set, final Weighting weighting, final Supplier<T> compute) {
            return values.computeIfAbsent(set, s -> new EnumMap<>(Weighting.class))
                    .computeIfAbsent(weighting, w -> compute.get());
        }
    }

    private static <P extends GridPoint> Recommender tuned(final String name, final TrainingSet training,
            final double quantile, final List<P> grid, final Tuning.ModelFactory<P> factory) {
        final Tuning<P> tuning = Tuning.run(ValidationCut.of(training, quantile), grid, factory);
        final P forAll = tuning.best(Variant.ALL).parameter();
        final P forNew = tuning.best(Variant.NEW).parameter();
        final Recommender all = factory.fit(training, forAll);
        final Recommender fresh = forNew.equals(forAll) ? all : factory.fit(training, forNew);
        return new VariantRecommender(name, all, fresh, tuning.describe());
    }
}
