package dev.shopreco.evaluator.protocol;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.state.InMemoryState;
import dev.shopreco.streams.topology.StreamsSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model may learn from in one evaluation: the training part of a split, both as the state
 * the served models read and as the raw interactions (for offline baselines that fit their own
 * matrices), the catalog, and the run's seed.
 *
 * @param state        s(u,p), popularity, top-K and TF-IDF of {@code interactions}
 * @param interactions the training interactions, in canonical order
 * @param catalog      product id to product
 * @param seed         the run's seed (the Random model's)
 */
public record TrainingSet(InMemoryState state, List<Interaction> interactions, Map<Long, Product> catalog, long seed) {

    /** The training set of {@code interactions}, its state built as the topology's defaults would (top-K, Gram cover). */
    public static TrainingSet of(final List<Interaction> interactions, final Map<Long, Product> catalog,
            final long seed) {
        return of(interactions, catalog, seed, GramSettings.DEFAULT);
    }

    /** The same, with the item Gram matrices covering what {@code gram} says. */
    public static TrainingSet of(final List<Interaction> interactions, final Map<Long, Product> catalog,
            final long seed, final GramSettings gram) {
        final InMemoryState state = InMemoryState.build(interactions, catalog.values(),
                StreamsSettings.defaults().popularityTopK(), gram);
        return new TrainingSet(state, interactions, catalog, seed);
    }

    /** What the item Gram matrices of this set's state cover. */
    public GramSettings gram() {
        return state.gramSettings();
    }

    /** The models of {@code specs}, built on this set, by name in the given order. */
    public Map<String, Recommender> build(final List<ModelSpec> specs) {
        final Map<String, Recommender> models = new LinkedHashMap<>();
        for (final ModelSpec spec : specs) {
            models.put(spec.name(), spec.build(this));
        }
        return models;
    }
}
