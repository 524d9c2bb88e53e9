package dev.shopreco.api.streams;

import dev.shopreco.common.Names;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.UserProductKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code user-interactions} by partition: a user is read from the one partition that holds it
 * (found by {@link KeyOwners}), not from the default store that spans, and opens an iterator on,
 * every local partition. The handles follow rebalances by themselves.
 */
final class UserPartitionStore {

    private final KafkaStreams streams;
    private final KeyOwners owners;
    private final ReadOnlyKeyValueStore<UserProductKey, InteractionStats> everyPartition;
    private final ConcurrentMap<Integer, ReadOnlyKeyValueStore<UserProductKey, InteractionStats>> byPartition =
            new ConcurrentHashMap<>();

    UserPartitionStore(final KafkaStreams streams, final KeyOwners owners) {
        this.streams = streams;
        this.owners = owners;
        this.everyPartition = streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_USER_INTERACTIONS,
                QueryableStoreTypes.keyValueStore()));
    }

    /**
     * The store of the user's partition.
     *
     * @throws StoreUnavailableException while the user's partition is not known (starting, rebalancing)
     */
    ReadOnlyKeyValueStore<UserProductKey, InteractionStats> of(final long userId) {
        return byPartition.computeIfAbsent(owners.ofUser(userId).partition(), partition -> streams.store(
                StoreQueryParameters.fromNameAndType(Names.STORE_USER_INTERACTIONS,
                        QueryableStoreTypes.<UserProductKey, InteractionStats>keyValueStore()).withPartition(partition)));
    }

    /** The store over every local partition. */
    ReadOnlyKeyValueStore<UserProductKey, InteractionStats> everyPartition() {
        return everyPartition;
    }
}
