package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.protocol.ModelSpec;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.model.HybridRecommender;
import dev.shopreco.streams.model.HybridSettings;
import dev.shopreco.streams.model.HybridWeights;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The served HYBRID model with its blend chosen on a {@link ValidationCut} of the training part, per
 * {@link Variant}: the "all" blend answers lists that keep the user's products, the "new" blend lists
 * that leave them out (as the API's {@code reco.hybrid.all} / {@code reco.hybrid.new}). Its
 * collaborative signal is ITEM_EASE with the λ and weighting ITEM_EASE chose on the same cut
 * ({@link ItemEaseTuning#choose}, searched once for both models), its user-kNN signal USER_KNN with
 * the k and weighting USER_KNN chose there ({@link UserKnnTuning#choose}). The
 * choice goes to {@code results.json} ({@code parameters.tuning.HYBRID}) and the report's notes;
 * copy it into {@code api/src/main/resources/application.yml} and {@code HybridSettings.DEFAULT}.
 */
public final class HybridTuning {

    /** Collaborative (ITEM_EASE) weight. */
    public static final List<Double> COLLABORATIVE = List.of(0.0, 0.5, 1.0);
    /** Content-based weight. */
    public static final List<Double> CONTENT = List.of(0.0, 0.25);
    /** Popularity weight (0 only through the own-history-only point below). */
    public static final List<Double> POPULARITY = List.of(0.25, 0.5, 1.0);
    /** Own-history weight. */
    public static final List<Double> OWN = List.of(0.0, 0.5, 1.0, 2.0);
    /** User-kNN weight. */
    public static final List<Double> USER_KNN = List.of(0.0, 0.5, 1.0);

    /**
     * A blend replaces popularity alone only when it beats it on the validation cut by more than this
     * share: where the data has no personal signal, the best of many blends edges out popularity on
     * validation by chance and then loses to it on the test part ("the hybrid must notice and lean on
     * popularity"). Where there is personal structure the chosen blends beat popularity alone on
     * validation by far more (evaluator/README.md).
     */
    public static final double MARGIN = 0.02;

    /** One blend as a grid point. */
    public record Blend(HybridWeights weights) implements GridPoint {
        @Override
        public Map<String, Object> describe() {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("collaborative", weights.collaborative());
            out.put("content", weights.content());
            out.put("popularity", weights.popularity());
            out.put("own", weights.own());
            out.put("user_knn", weights.userKnn());
            return out;
        }
    }

    private HybridTuning() {
    }

    /**
     * The grid: popularity alone first (it wins a tie: with no personal signal the hybrid is
     * Popularity), the user's own history alone, then every combination of the lists above with some
     * personal signal (215 points).
     */
    public static List<Blend> grid() {
        final List<Blend> grid = new ArrayList<>();
        grid.add(new Blend(new HybridWeights(0, 0, 1, 0, 0)));
        grid.add(new Blend(new HybridWeights(0, 0, 0, 1, 0)));
        for (final double k : USER_KNN) {
            for (final double c : COLLABORATIVE) {
                for (final double b : CONTENT) {
                    for (final double p : POPULARITY) {
                        for (final double o : OWN) {
                            if (!(c == 0 && b == 0 && o == 0 && k == 0)) {
                                grid.add(new Blend(new HybridWeights(c, b, p, o, k)));
                            }
                        }
                    }
                }
            }
        }
        return grid;
    }

    /**
     * The HYBRID spec, tuned on the validation cut (and with the ITEM_EASE and USER_KNN settings) of
     * {@code itemEase} and {@code userKnn}.
     */
    public static ModelSpec spec(final ItemEaseTuning itemEase, final UserKnnTuning userKnn) {
        return ModelSpec.of(Recommenders.HYBRID, true, training -> tuned(training, itemEase, userKnn));
    }

    /** Tunes on the validation cut of {@code training}, then builds the model on all of {@code training}. */
    public static Recommender tuned(final TrainingSet training, final ItemEaseTuning itemEase,
            final UserKnnTuning userKnn) {
        final ItemEaseTuning.Choice ease = itemEase.choose(training);
        final UserKnnTuning.Choice knn = userKnn.choose(training);
        final ValidationCut cut = ease.cut();
        final ItemEaseSettings easeSettings = ease.settings();
        final UserKnnSettings knnSettings = knn.settings();
        final ItemEaseFits cutFits = ItemEaseFits.lazy(cut.fitPart().state(), easeSettings.maxProducts());
        final UserKnnFits cutKnnFits = UserKnnFits.lazy(cut.fitPart().state(), Recommenders.maxNeighbours(knnSettings));
        final List<Blend> grid = grid();
        final List<HybridWeights> blends = grid.stream().map(Blend::weights).toList();
        // one model answers for every blend: a user's signals and candidates are read once per variant
        final HybridRecommender cutModel = new HybridRecommender(cut.fitPart().state(),
                new HybridSettings(blends.get(0), blends.get(0)), easeSettings, cutFits, knnSettings, cutKnnFits);
        final Tuning<Blend> tuning = Tuning.runShared(cut, grid, (user, k, exclusion) ->
                cutModel.recommendEach(user, k, exclusion, blends).stream().map(Recommendation::productIds).toList());
        final Map<String, Object> described = tuning.describe();
        final Tuning.Choice<Blend> all = choose(tuning, Variant.ALL, described);
        final Tuning.Choice<Blend> fresh = choose(tuning, Variant.NEW, described);
        final Map<String, Object> easeChosen = new LinkedHashMap<>();
        easeChosen.put(Variant.ALL.label(), ease.described().get(Variant.ALL.label()));
        easeChosen.put(Variant.NEW.label(), ease.described().get(Variant.NEW.label()));
        described.put("item_ease", easeChosen);
        final Map<String, Object> knnChosen = new LinkedHashMap<>();
        knnChosen.put(Variant.ALL.label(), knn.described().get(Variant.ALL.label()));
        knnChosen.put(Variant.NEW.label(), knn.described().get(Variant.NEW.label()));
        described.put("user_knn", knnChosen);
        final Recommender model = new HybridRecommender(training.state(),
                new HybridSettings(all.parameter().weights(), fresh.parameter().weights()), easeSettings,
                ItemEaseFits.lazy(training.state(), easeSettings.maxProducts()), knnSettings,
                UserKnnFits.lazy(training.state(), Recommenders.maxNeighbours(knnSettings)));
        return new VariantRecommender(Recommenders.HYBRID, model, model, described);
    }

    /** The best blend, or popularity alone (grid point 0) unless the best beats it by more than {@link #MARGIN}. */
    static Tuning.Choice<Blend> choose(final Tuning<Blend> tuning, final Variant variant,
            final Map<String, Object> described) {
        final Tuning.Choice<Blend> best = tuning.best(variant);
        final Tuning.Choice<Blend> popularity = tuning.at(variant, 0);
        final Tuning.Choice<Blend> chosen = best.ndcg() > popularity.ndcg() * (1 + MARGIN) ? best : popularity;
        final Map<String, Object> entry = new LinkedHashMap<>(chosen.parameter().describe());
        entry.put("validation_ndcg@10" + variant.suffix(), chosen.ndcg());
        described.put(variant.label(), entry);
        described.put("rule", "the best blend by validation NDCG@10 if it beats popularity alone by more than "
                + Math.round(MARGIN * 100) + " %, else popularity alone");
        return chosen;
    }
}
