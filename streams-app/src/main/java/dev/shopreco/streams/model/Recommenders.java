package dev.shopreco.streams.model;

import dev.shopreco.streams.state.RecoStateView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The models by their API names, so that the API and the evaluator build them the same way. */
public final class Recommenders {

    public static final String POPULARITY = "POPULARITY";
    public static final String CONTENT_BASE = "CONTENT_BASE";
    public static final String RANDOM = "RANDOM";

    private Recommenders() {
    }

    /** Every model name, in the order reports list them. */
    public static List<String> names() {
        return List.of(RANDOM, POPULARITY, CONTENT_BASE);
    }

    /**
     * The model called {@code name} (case-insensitive) over {@code state}; {@code seed} only matters
     * to {@code RANDOM}, which is seeded per user.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Recommender create(final String name, final RecoStateView state, final long seed) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case POPULARITY -> new PopularityRecommender(state);
            case CONTENT_BASE -> new ContentBasedRecommender(state);
            case RANDOM -> new RandomRecommender(state, seed, true);
            default -> throw new IllegalArgumentException("Unknown model " + name + "; known: " + names());
        };
    }

    /** Every model over {@code state}, by name. */
    public static Map<String, Recommender> all(final RecoStateView state, final long seed) {
        final Map<String, Recommender> models = new LinkedHashMap<>();
        for (final String name : names()) {
            models.put(name, create(name, state, seed));
        }
        return models;
    }
}
