package dev.shopreco.common;

/**
 * Every topic and state store name of the system, in one place. The producer, the topology, the
 * API, the evaluator and the tests all refer to these constants, never to string literals.
 */
public final class Names {

    /** Catalog, compacted, keyed by {@code product_id}. */
    public static final String TOPIC_PRODUCTS = "shop.products";
    /** Users, compacted, keyed by {@code user_id}. */
    public static final String TOPIC_USERS = "shop.users";
    /** Session events as recorded by the shop, keyed by {@code session_id}. */
    public static final String TOPIC_SESSIONS = "shop.sessions";
    /** Dead letters: every record the system refused, with the reason and the original text. */
    public static final String TOPIC_REJECTED = "shop.sessions.rejected";
    /** Cleaned, weighted events, keyed by {@code user_id}; the evaluator's snapshot source. */
    public static final String TOPIC_INTERACTIONS = "shop.interactions";
    /** Every recommendation served by the API, keyed by {@code user_id}. */
    public static final String TOPIC_SERVED = "reco.served";

    /** Per-user map product -> raw strength sum, purchased flag, first and last event time. */
    public static final String STORE_USER_INTERACTIONS = "user-interactions";
    /** Product -> sum over users of s(u,p). */
    public static final String STORE_PRODUCT_POPULARITY = "product-popularity";

    private Names() {
    }
}
