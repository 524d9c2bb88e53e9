package dev.shopreco.streams.model;

/**
 * The settings of the models that have any: ITEM_EASE's, USER_KNN's and HYBRID's.
 *
 * @param itemEase ITEM_EASE's N, λ and weighting (also HYBRID's collaborative signal)
 * @param userKnn  USER_KNN's k and weighting (also HYBRID's user-kNN signal)
 * @param hybrid   HYBRID's blends
 */
public record ModelSettings(ItemEaseSettings itemEase, UserKnnSettings userKnn, HybridSettings hybrid) {

    /** The defaults: what the evaluator chose on the default data set (evaluator/README.md). */
    public static final ModelSettings DEFAULT = new ModelSettings(ItemEaseSettings.DEFAULT, UserKnnSettings.DEFAULT,
            HybridSettings.DEFAULT);

    public ModelSettings {
        if (itemEase == null || userKnn == null || hybrid == null) {
            throw new IllegalArgumentException("ITEM_EASE, USER_KNN and HYBRID settings are required");
        }
    }
}
