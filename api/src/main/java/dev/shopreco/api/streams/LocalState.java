package dev.shopreco.api.streams;

import dev.shopreco.common.Names;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.StoreBackedState;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's stores as streams-app's {@link RecoStateView} ({@link StoreBackedState}), tuned for
 * serving: a user's interactions are read from the user's partition only ({@link UserPartitionStore}),
 * and the shared state (top list, popularity values, content index) is kept until the hosted
 * topology reports a change ({@link StateVersions}). The view is built once, the first time Kafka
 * Streams is running: its store handles follow rebalances by themselves, and a read of a partition
 * that is migrating throws {@link InvalidStateStoreException}, which callers turn into a 503.
 */
@Singleton
public class LocalState {

    private final KafkaStreamsHost host;
    private final KeyOwners owners;
    private final Duration contentRefresh;
    private volatile RecoStateView view;
    private volatile UserPartitionStore interactions;

    public LocalState(final KafkaStreamsHost host, final KeyOwners owners, final StreamsHostSettings settings) {
        this.host = host;
        this.owners = owners;
        this.contentRefresh = settings.topology().contentRefresh();
    }

    /** The change counters of the hosted topology: read them before the state (see {@link StateVersions}). */
    public StateVersions versions() {
        return host.versions();
    }

    /**
     * The state view.
     *
     * @throws StoreUnavailableException while Kafka Streams is not running (yet)
     */
    public RecoStateView view() {
        final RecoStateView current = view;
        return current != null ? current : open();
    }

    private synchronized RecoStateView open() {
        if (view != null) {
            return view;
        }
        final KafkaStreams streams = host.streams();
        final KafkaStreams.State state = streams == null ? null : streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("Kafka Streams is " + (state == null ? "starting" : state));
        }
        try {
            interactions = new UserPartitionStore(streams, owners);
            view = new StoreBackedState(interactions::of,
                    store(streams, Names.STORE_POPULARITY_ALL),
                    store(streams, Names.STORE_POPULARITY_TOP),
                    store(streams, Names.STORE_CATALOG),
                    store(streams, Names.STORE_ITEM_GRAM_ALL),
                    store(streams, Names.STORE_USER_KNN_POSTINGS_ALL), contentRefresh, host.versions());
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The stores are not queryable yet: " + e.getMessage(), e);
        }
        return view;
    }

    private static <K, V> ReadOnlyKeyValueStore<K, V> store(final KafkaStreams streams, final String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }

    /** Whether this instance runs an active task reading {@code shop.interactions} (the user-interactions store). */
    private static boolean hostsInteractions(final KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .anyMatch(partition -> Names.TOPIC_INTERACTIONS.equals(partition.topic()));
    }

    /** Whether the stores can be read now (Kafka Streams running and every store open). */
    public boolean queryable() {
        final KafkaStreams streams = host.streams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        try {
            view().topPopular();
            // the first content index is built here, so that no request pays for a catalog scan
            view().content();
            // every local partition, whoever owns user 0: a store that is restoring throws here. An instance
            // with no partition of user-interactions (more instances than partitions, or an unlucky
            // assignment) is ready too: it relays every user to its owner. Reading the store there throws
            // "may have migrated", which kept such an instance DOWN for good.
            if (hostsInteractions(streams)) {
                interactions.everyPartition().approximateNumEntries();
            }
            return true;
        } catch (final StoreUnavailableException | InvalidStateStoreException e) {
            return false;
        }
    }
}
