package dev.shopreco.streams.knn;

import dev.shopreco.common.Names;
import dev.shopreco.streams.aggregate.ProductChange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The user-kNN postings in the topology:
 *
 * <pre>
 * (product, PostingChanges) from the aggregation's flush --> user-knn-postings-by-product-repartition
 *   --recent-users [user-knn-postings, user-knn-recency, user-knn-published]--> reco.user-knn.postings
 * </pre>
 *
 * Every instance reads {@code reco.user-knn.postings} as the global store {@code user-knn-postings-all}
 * (added with the other global tables in {@code RecoTopology}).
 */
public final class UserKnnTopology {

    private UserKnnTopology() {
    }

    /** Adds the repartition, {@link RecentUsers} with its stores and the sink, publishing {@code usersPerProduct} users a product. */
    public static void addTo(final StreamsBuilder builder, final KStream<Long, ProductChange> changes,
            final int usersPerProduct) {
        // no record cache on the two large stores (one entry per posting, users x window at most): a cache
        // full of clean entries read by get() would evict, and so flush, the small stores' dirty entries
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_USER_KNN_POSTINGS), PostingKey.serde(),
                StoredPosting.serde()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_USER_KNN_RECENCY), RecencyKey.serde(),
                Serdes.ByteArray()).withCachingDisabled());
        // one entry per kept product, rewritten at every change of it: the cache folds them per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_USER_KNN_PUBLISHED), Serdes.Long(),
                Serdes.Integer()).withCachingEnabled());
        changes.mapValues(change -> (PostingChanges) change, Named.as("posting-changes"))
                .repartition(Repartitioned.<Long, PostingChanges>as(Names.REPARTITION_USER_KNN_POSTINGS)
                        .withKeySerde(Serdes.Long()).withValueSerde(PostingChanges.serde()))
                .process(() -> new RecentUsers(usersPerProduct), Named.as("recent-users"),
                        Names.STORE_USER_KNN_POSTINGS, Names.STORE_USER_KNN_RECENCY, Names.STORE_USER_KNN_PUBLISHED)
                .to(Names.TOPIC_USER_KNN_POSTINGS, Produced.with(PostingKey.serde(), Posting.serde())
                        .withName("user-knn-postings-sink"));
    }
}
