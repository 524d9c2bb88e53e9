package dev.shopreco.evaluator.protocol;

import dev.shopreco.streams.model.RandomRecommender;
import dev.shopreco.streams.model.Recommenders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models an evaluation scores: every model the API serves, by its API name, built by
 * streams-app's {@link Recommenders} (never a copy of a formula). Offline baselines are added with
 * {@link #with}.
 */
public final class ModelRegistry {

    private final Map<String, ModelSpec> specs;

    private ModelRegistry(final Map<String, ModelSpec> specs) {
        this.specs = specs;
    }

    /**
     * Every served model. With {@code originalRandom} (the seed protocol) RANDOM is the original's
     * single permutation of the catalog shared by all users, not the served per-user one.
     */
    public static ModelRegistry served(final boolean originalRandom) {
        final Map<String, ModelSpec> specs = new LinkedHashMap<>();
        for (final String name : Recommenders.names()) {
            if (originalRandom && Recommenders.RANDOM.equals(name)) {
                specs.put(name, ModelSpec.of(name, true,
                        training -> new RandomRecommender(training.state(), training.seed(), false)));
            } else {
                specs.put(name, ModelSpec.of(name, true,
                        training -> Recommenders.create(name, training.state(), training.seed())));
            }
        }
        return new ModelRegistry(specs);
    }

    /** This registry plus {@code extra} (replacing a spec of the same name). */
    public ModelRegistry with(final ModelSpec extra) {
        final Map<String, ModelSpec> next = new LinkedHashMap<>(specs);
        next.put(extra.name(), extra);
        return new ModelRegistry(next);
    }

    /** The specs named (case-insensitive), in the registry's order; all of them for an empty list. */
    public List<ModelSpec> select(final List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.copyOf(specs.values());
        }
        final List<String> wanted = names.stream().map(n -> n.trim().toUpperCase(Locale.ROOT)).toList();
        for (final String name : wanted) {
            if (!specs.containsKey(name)) {
                throw new IllegalArgumentException("Unknown model " + name + "; known: " + specs.keySet());
            }
        }
        final List<ModelSpec> selected = new ArrayList<>();
        specs.forEach((name, spec) -> {
            if (wanted.contains(name)) {
                selected.add(spec);
            }
        });
        return selected;
    }

    /** Every model name, in order. */
    public List<String> names() {
        return List.copyOf(specs.keySet());
    }
}
