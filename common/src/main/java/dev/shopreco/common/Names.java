package dev.shopreco.common;

/**
 * Every topic, state store and repartition name of the system, in one place. The producer, the
 * topology, the API, the evaluator and the tests all refer to these constants, never to string
 * literals.
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

    /** Catalog: global store over {@link #TOPIC_CATALOG}, product id (decimal text) -> its JSON line. */
    public static final String STORE_CATALOG = "catalog";
    /** Users: the valid records of {@link #TOPIC_USERS} (partitioned), user id (decimal text) -> JSON line. */
    public static final String STORE_USERS = "users";
    /** Per session: its user once known, its last event time, the events waiting for the user. */
    public static final String STORE_SESSION_STATE = "session-state";
    /** Per task: the highest event time seen, the clock of the session gap. */
    public static final String STORE_SESSION_WATERMARK = "session-watermark";
    /** Per task: product -> sum of the s(u,p) and user-count changes not yet sent to {@code product-popularity}. */
    public static final String STORE_POPULARITY_DELTAS = "popularity-deltas";
    /** Single-key aggregation that keeps the top-K popularity list. */
    public static final String STORE_POPULARITY_TOP_BUILDER = "popularity-top-builder";
    /** Global store over {@link #TOPIC_POPULARITY}: product -> popularity, on every instance. */
    public static final String STORE_POPULARITY_ALL = "popularity-all";
    /** Global store over {@link #TOPIC_POPULARITY_TOP}: the top-K list, on every instance. */
    public static final String STORE_POPULARITY_TOP = "popularity-top";

    /** A/B attribution, per user: window store of the lists served within an experiment, by their as_of time. */
    public static final String STORE_AB_SERVED_LISTS = "ab-served-lists";
    /** A/B attribution, per user: window store of the user's recent events, kept for one window. */
    public static final String STORE_AB_RECENT_EVENTS = "ab-recent-events";
    /** A/B attribution: experiment + user -> variant, for counting distinct users exposed. */
    public static final String STORE_AB_EXPOSED_USERS = "ab-exposed-users";
    /** A/B read-out: experiment name -> counts per variant (one owner per experiment). */
    public static final String STORE_AB_EXPERIMENT_COUNTS = "ab-experiment-counts";
    /** Repartition of the count changes by experiment name. */
    public static final String REPARTITION_AB_DELTAS = "ab-deltas-by-experiment";

    /** Per user: the products of the user's co-occurrence window, with their last event time when they entered. */
    public static final String STORE_USER_WINDOWS = "user-windows";
    /**
     * Per task: per user, the products whose part in the user's item-Gram contribution changed since the
     * last flush, with their strength sum as last counted; and the kept products the task counts over.
     */
    public static final String STORE_ITEM_GRAM_PENDING = "item-gram-pending";
    /** Per (product row, chunk): that chunk of the row's item Gram cells, a column's chunk picked by a hash of its id. */
    public static final String STORE_ITEM_GRAM = "item-gram";
    /** Repartition of the Gram row changes by product. */
    public static final String REPARTITION_ITEM_GRAM = "item-gram-by-product";
    /** Global store over {@link #TOPIC_ITEM_GRAM}: every chunk of every Gram row, on every instance. */
    public static final String STORE_ITEM_GRAM_ALL = "item-gram-all";
    /** The ranking task's kept products (product -> users): those with the most users. */
    public static final String STORE_ITEM_GRAM_KEPT_BUILDER = "item-gram-kept-builder";
    /** Global store over {@link #TOPIC_ITEM_GRAM_KEPT}: the kept products, on every instance. */
    public static final String STORE_ITEM_GRAM_KEPT = "item-gram-kept";
    /** Repartition of every product's totals to the single ranking task (top-K list, kept set). */
    public static final String REPARTITION_POPULARITY_TOP = "popularity-top";

    /** Repartition of the user-kNN posting changes (a product's users and their strengths) by product. */
    public static final String REPARTITION_USER_KNN_POSTINGS = "user-knn-postings-by-product";
    /** Per (product, user) of a kept product's postings: the user's strength sum, last event time, whether published. */
    public static final String STORE_USER_KNN_POSTINGS = "user-knn-postings";
    /** Per product: its postings ordered by recency, the published (most recent) ones apart from the rest. */
    public static final String STORE_USER_KNN_RECENCY = "user-knn-recency";
    /** Per product: how many of its postings are published. */
    public static final String STORE_USER_KNN_PUBLISHED = "user-knn-published";
    /** Global store over {@link #TOPIC_USER_KNN_POSTINGS}: every published posting, on every instance. */
    public static final String STORE_USER_KNN_POSTINGS_ALL = "user-knn-postings-all";

    /** Product id (8-byte long) -> popularity (8-byte double), compacted; changes of product-popularity. */
    /** The valid records of {@link #TOPIC_PRODUCTS} (the topology validates them), compacted: the catalog every instance reads. */
    public static final String TOPIC_CATALOG = "reco.catalog";
    public static final String TOPIC_POPULARITY = "reco.popularity";
    /** One key ({@link #TOP_KEY}) -> the top-K list as JSON, compacted. */
    public static final String TOPIC_POPULARITY_TOP = "reco.popularity.top";
    /** (product, chunk) (two 8-byte longs) -> that chunk of the product's Gram row (binary), compacted. */
    public static final String TOPIC_ITEM_GRAM = "reco.item-gram";
    /** Product id (8-byte long) -> its user count when it entered the kept set; a tombstone when it left. */
    public static final String TOPIC_ITEM_GRAM_KEPT = "reco.item-gram.kept";
    /**
     * (product, user) (two 8-byte longs) -> the user's strength sum and last event time (binary), for the
     * most recent users of each kept product; a tombstone when a user leaves them. Compacted.
     */
    public static final String TOPIC_USER_KNN_POSTINGS = "reco.user-knn.postings";
    /** The single key of the top-K list. */
    public static final String TOP_KEY = "top";

    private Names() {
    }
}
