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
    public static final String ITEM_EASE = "ITEM_EASE";
    public static final String USER_KNN = "USER_KNN";
    public static final String HYBRID = "HYBRID";

    private Recommenders() {
    }

    /**
     * Every model name, in the order reports list them, as one constant text: the one list of models,
     * which annotations (the OpenAPI document, command-line help) can name since it is a constant.
     */
    public static final String NAMES = RANDOM + ", " + POPULARITY + ", " + CONTENT_BASE + ", " + ITEM_EASE + ", "
            + USER_KNN + ", " + HYBRID;

    /** Every model name, in the order reports list them ({@link #NAMES}). */
    public static List<String> names() {
        return List.of(NAMES.split(", "));
    }

    /**
     * The model called {@code name} (case-insensitive) over {@code state} with the default settings,
     * ITEM_EASE and USER_KNN (and HYBRID's signals from them) fitted from the state on first use;
     * {@code seed} only matters to {@code RANDOM}, which is seeded per user.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Recommender create(final String name, final RecoStateView state, final long seed) {
        final ModelSettings settings = ModelSettings.DEFAULT;
        return create(name, state, seed, settings, ItemEaseFits.lazy(state, settings.itemEase().maxProducts()),
                UserKnnFits.lazy(state, maxNeighbours(settings.userKnn())));
    }

    /**
     * The model called {@code name} (case-insensitive) over {@code state} with {@code settings}, ITEM_EASE
     * with the fits of {@code itemEase}, USER_KNN with those of {@code userKnn}, HYBRID with both.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Recommender create(final String name, final RecoStateView state, final long seed,
            final ModelSettings settings, final ItemEaseFits itemEase, final UserKnnFits userKnn) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case POPULARITY -> new PopularityRecommender(state);
            case CONTENT_BASE -> new ContentBasedRecommender(state);
            case RANDOM -> new RandomRecommender(state, seed, true);
            case ITEM_EASE -> new ItemEaseRecommender(state, settings.itemEase(), itemEase);
            case USER_KNN -> new UserKnnRecommender(state, settings.userKnn(), userKnn);
            case HYBRID -> new HybridRecommender(state, settings.hybrid(), settings.itemEase(), itemEase,
                    settings.userKnn(), userKnn);
            default -> throw new IllegalArgumentException("Unknown model " + name + "; known: " + names());
        };
    }

    /** Every model over {@code state}, by name, with the default settings (fitted on first use). */
    public static Map<String, Recommender> all(final RecoStateView state, final long seed) {
        final ModelSettings settings = ModelSettings.DEFAULT;
        return all(state, seed, settings, ItemEaseFits.lazy(state, settings.itemEase().maxProducts()),
                UserKnnFits.lazy(state, maxNeighbours(settings.userKnn())));
    }

    /** Every model over {@code state}, by name, with {@code settings} and the fits given. */
    public static Map<String, Recommender> all(final RecoStateView state, final long seed,
            final ModelSettings settings, final ItemEaseFits itemEase, final UserKnnFits userKnn) {
        final Map<String, Recommender> models = new LinkedHashMap<>();
        for (final String name : names()) {
            models.put(name, create(name, state, seed, settings, itemEase, userKnn));
        }
        return models;
    }

    /** The longest list either USER_KNN setting reads. */
    public static int maxNeighbours(final UserKnnSettings settings) {
        return Math.max(settings.all().k(), settings.fresh().k());
    }
}
