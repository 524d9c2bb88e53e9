package dev.shopreco.streams.model;

/**
 * The blend of the hybrid model. Each signal is first divided by its largest value for the user (or
 * over the catalog, for popularity), so every term lies in [0, 1] and the weights compare:
 * <ul>
 *   <li>{@code collaborative}: ITEM_EASE's score (negative counts as 0) / the user's largest one;</li>
 *   <li>{@code content}: the content-based cosine / the best cosine of any category group;</li>
 *   <li>{@code popularity}: popularity / the largest popularity;</li>
 *   <li>{@code own}: the user's own s(u,p) / the user's largest s(u,p) (0 for products not touched):
 *       users come back to what they touched, which matters when nothing is excluded;</li>
 *   <li>{@code userKnn}: USER_KNN's score / the user's largest one (0 without neighbours).</li>
 * </ul>
 *
 * @param collaborative weight of the collaborative (ITEM_EASE) score
 * @param content       weight of the content-based score
 * @param popularity    weight of popularity
 * @param own           weight of the user's own history
 * @param userKnn       weight of the user-kNN score
 */
public record HybridWeights(double collaborative, double content, double popularity, double own, double userKnn) {

    public HybridWeights {
        final double sum = collaborative + content + popularity + own + userKnn;
        if (collaborative < 0 || content < 0 || popularity < 0 || own < 0 || userKnn < 0 || sum <= 0
                || Double.isNaN(sum) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("Hybrid weights must be >= 0 and not all 0, got " + collaborative
                    + ", " + content + ", " + popularity + ", " + own + ", " + userKnn);
        }
    }

    @Override
    public String toString() {
        return "collaborative=" + collaborative + ", content=" + content + ", popularity=" + popularity
                + ", own=" + own + ", userKnn=" + userKnn;
    }
}
