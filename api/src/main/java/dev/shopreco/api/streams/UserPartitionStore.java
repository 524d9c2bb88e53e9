package dev.shopreco.api.streams;

import dev.shopreco.common.Names;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.UserProductKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code user-interactions} read from the one partition that holds the user. The store Kafka
 * Streams hands out by default spans every local partition, so each of a request's prefix scans
 * opened an iterator (record cache and RocksDB) on every partition this instance owns; the profile
 * of the load benchmark was dominated by that. Reads other than by user go to the all-partitions view.
 */
final class UserPartitionStore implements ReadOnlyKeyValueStore<UserProductKey, InteractionStats> {

    private static final StringSerializer USER_KEY = new StringSerializer();

    private final KafkaStreams streams;
    private final ReadOnlyKeyValueStore<UserProductKey, InteractionStats> everyPartition;
    private final ConcurrentMap<Integer, ReadOnlyKeyValueStore<UserProductKey, InteractionStats>> byPartition =
            new ConcurrentHashMap<>();

    UserPartitionStore(final KafkaStreams streams) {
        this.streams = streams;
        this.everyPartition = streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_USER_INTERACTIONS,
                QueryableStoreTypes.keyValueStore()));
    }

    @Override
    public InteractionStats get(final UserProductKey key) {
        return storeOf(key.userId()).get(key);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<UserProductKey, InteractionStats> prefixScan(final P prefix,
            final PS prefixKeySerializer) {
        final ReadOnlyKeyValueStore<UserProductKey, InteractionStats> store =
                prefix instanceof Long user ? storeOf(user) : everyPartition;
        return store.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public KeyValueIterator<UserProductKey, InteractionStats> range(final UserProductKey from, final UserProductKey to) {
        return everyPartition.range(from, to);
    }

    @Override
    public KeyValueIterator<UserProductKey, InteractionStats> all() {
        return everyPartition.all();
    }

    @Override
    public long approximateNumEntries() {
        return everyPartition.approximateNumEntries();
    }

    /** The store of the user's partition (a handle that follows rebalances); all partitions if unknown. */
    private ReadOnlyKeyValueStore<UserProductKey, InteractionStats> storeOf(final long userId) {
        final KeyQueryMetadata metadata = streams.queryMetadataForKey(Names.STORE_USER_INTERACTIONS,
                Long.toString(userId), USER_KEY);
        if (metadata == null || metadata.partition() < 0) {
            return everyPartition;
        }
        return byPartition.computeIfAbsent(metadata.partition(), partition -> streams.store(StoreQueryParameters
                .fromNameAndType(Names.STORE_USER_INTERACTIONS, QueryableStoreTypes.<UserProductKey, InteractionStats>keyValueStore())
                .withPartition(partition)));
    }
}
