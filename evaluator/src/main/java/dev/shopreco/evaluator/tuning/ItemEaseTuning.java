package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.baseline.Baselines;
import dev.shopreco.evaluator.baseline.Baselines.EaseSetting;
import dev.shopreco.evaluator.protocol.ModelSpec;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseRecommender;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The served ITEM_EASE as the temporal protocol scores it: λ and weighting chosen per {@link Variant}
 * on a validation cut of the training part, over the offline EASE's grid, then fitted on the whole
 * training part. It is the model the API serves (streams-app's {@link ItemEaseRecommender} on the
 * item Gram rows of the state); the chosen settings are what to give the API
 * ({@code reco.item-ease.*}) for data like this.
 */
public final class ItemEaseTuning {

    /**
     * What the validation cut chose.
     *
     * @param settings  the chosen setting per list kind
     * @param described the tuning as {@code results.json} records it
     */
    public record Choice(ItemEaseSettings settings, Map<String, Object> described) {
    }

    private ItemEaseTuning() {
    }

    /** ITEM_EASE, tuned on a validation cut at {@code quantile} of the training part's event time. */
    public static ModelSpec spec(final double quantile) {
        return ModelSpec.of(Recommenders.ITEM_EASE, true, training -> {
            final Choice choice = choose(ValidationCut.of(training, quantile));
            final Recommender model = new ItemEaseRecommender(training.state(), choice.settings(),
                    ItemEaseFits.lazy(training.state(), choice.settings().maxProducts()));
            return new VariantRecommender(Recommenders.ITEM_EASE, model, model, choice.described());
        });
    }

    /** Searches the grid (weighting x {@link Baselines#LAMBDAS}) on {@code cut}, per variant. */
    public static Choice choose(final ValidationCut cut) {
        final List<EaseSetting> grid = new ArrayList<>();
        for (final Weighting weighting : Weighting.values()) {
            Baselines.LAMBDAS.forEach(lambda -> grid.add(new EaseSetting(weighting, lambda)));
        }
        final int maxProducts = ItemEaseSettings.DEFAULT.maxProducts();
        final Tuning<EaseSetting> tuning = Tuning.run(cut, grid, (set, setting) -> new ItemEaseRecommender(
                set.state(), new ItemEaseSettings(maxProducts, params(setting), params(setting)),
                ItemEaseFits.lazy(set.state(), maxProducts)));
        final ItemEaseSettings chosen = new ItemEaseSettings(maxProducts,
                params(tuning.best(Variant.ALL).parameter()), params(tuning.best(Variant.NEW).parameter()));
        return new Choice(chosen, tuning.describe());
    }

    private static ItemEaseSettings.Params params(final EaseSetting setting) {
        return new ItemEaseSettings.Params(setting.lambda(), setting.weighting());
    }
}
