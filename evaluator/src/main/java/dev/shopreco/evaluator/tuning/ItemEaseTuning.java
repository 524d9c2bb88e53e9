package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.baseline.Baselines;
import dev.shopreco.evaluator.baseline.Baselines.EaseSetting;
import dev.shopreco.evaluator.protocol.ModelSpec;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseRecommender;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The served ITEM_EASE as the temporal protocol scores it: λ and weighting chosen per {@link Variant}
 * on a validation cut of the training part, over the offline EASE's grid, then fitted on the whole
 * training part. It is the model the API serves (streams-app's {@link ItemEaseRecommender} on the
 * item Gram rows of the state); the chosen settings are what to give the API
 * ({@code reco.item-ease.*}) for data like this.
 *
 * <p>One instance per evaluation: the search runs once per training set and serves both ITEM_EASE
 * and HYBRID, whose collaborative signal is ITEM_EASE with the same settings ({@link HybridTuning}).
 */
public final class ItemEaseTuning {

    /**
     * What the validation cut chose.
     *
     * @param cut       the validation cut of the training set
     * @param settings  the chosen setting per list kind
     * @param described the tuning as {@code results.json} records it
     */
    public record Choice(ValidationCut cut, ItemEaseSettings settings, Map<String, Object> described) {
    }

    private final Cuts cuts;
    private final Map<TrainingSet, Choice> chosen = new IdentityHashMap<>();

    /** Tuning on the validation cuts of {@code cuts} (shared with the other tuned models). */
    public ItemEaseTuning(final Cuts cuts) {
        this.cuts = cuts;
    }

    /** ITEM_EASE, tuned as {@link #choose} says. */
    public ModelSpec spec() {
        return ModelSpec.of(Recommenders.ITEM_EASE, true, training -> {
            final Choice choice = choose(training);
            final Recommender model = new ItemEaseRecommender(training.state(), choice.settings(),
                    ItemEaseFits.lazy(training.state(), choice.settings().maxProducts()));
            return new VariantRecommender(Recommenders.ITEM_EASE, model, model, choice.described());
        });
    }

    /**
     * Searches the grid ({@link Baselines#easeGrid()}) on the validation cut of {@code training}, per
     * variant; the first call for a training set searches, later ones return its choice.
     */
    public synchronized Choice choose(final TrainingSet training) {
        return chosen.computeIfAbsent(training, this::search);
    }

    private Choice search(final TrainingSet training) {
        final ValidationCut cut = cuts.of(training);
        final int maxProducts = ItemEaseSettings.DEFAULT.maxProducts();
        final Tuning<EaseSetting> tuning = Tuning.run(cut, Baselines.easeGrid(), (set, setting) ->
                new ItemEaseRecommender(set.state(), new ItemEaseSettings(maxProducts, params(setting),
                        params(setting)), ItemEaseFits.lazy(set.state(), maxProducts)));
        final ItemEaseSettings settings = new ItemEaseSettings(maxProducts,
                params(tuning.best(Variant.ALL).parameter()), params(tuning.best(Variant.NEW).parameter()));
        return new Choice(cut, settings, tuning.describe());
    }

    private static ItemEaseSettings.Params params(final EaseSetting setting) {
        return new ItemEaseSettings.Params(setting.lambda(), setting.weighting());
    }
}
