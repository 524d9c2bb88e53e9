package dev.shopreco.api.streams;

import dev.shopreco.common.Names;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance owns a user's state. {@code user-interactions} is partitioned like
 * {@code shop.interactions}, whose key is the user id as decimal text.
 */
@Singleton
public class KeyOwners {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    /** Direct-mapped: a slot holds the last user looked up there. */
    private static final int SLOTS = 1 << 12;

    private final KafkaStreamsHost host;
    private final AtomicReferenceArray<Owner> owners = new AtomicReferenceArray<>(SLOTS);

    /** The owner of {@code userId} as known while the rebalance counter was {@code version}. */
    private record Owner(long userId, long version, HostInfo host) {
    }

    public KeyOwners(final KafkaStreamsHost host) {
        this.host = host;
    }

    /**
     * The active owner of the user's partition.
     *
     * @throws StoreUnavailableException while no owner is known (starting, rebalancing)
     */
    public HostInfo ownerOf(final long userId) {
        // owners only change in a rebalance, which bumps everything(); read it before the metadata
        final long version = host.versions().everything();
        final int slot = (int) (userId ^ userId >>> 32) & (SLOTS - 1);
        final Owner known = owners.get(slot);
        if (known != null && known.userId() == userId && known.version() == version) {
            return known.host();
        }
        final HostInfo owner = lookUp(userId);
        owners.set(slot, new Owner(userId, version, owner));
        return owner;
    }

    /** {@code queryMetadataForKey}: a synchronized lookup, the second cost of a request once answers are kept. */
    private HostInfo lookUp(final long userId) {
        final KafkaStreams streams = host.streams();
        if (streams == null) {
            throw new StoreUnavailableException("Kafka Streams is starting");
        }
        final KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(Names.STORE_USER_INTERACTIONS, Long.toString(userId), KEY_SERIALIZER);
        } catch (final StreamsException | IllegalStateException e) {
            throw new StoreUnavailableException("No owner known for user " + userId + ": " + e.getMessage(), e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw new StoreUnavailableException("The owner of user " + userId + " is not known yet (rebalancing)");
        }
        return metadata.activeHost();
    }

    /**
     * The active owner of an experiment's counts ({@code ab-experiment-counts}, keyed by name).
     *
     * @throws StoreUnavailableException while no owner is known (starting, rebalancing)
     */
    public HostInfo ownerOfExperiment(final String name) {
        return owner(Names.STORE_AB_EXPERIMENT_COUNTS, name, "experiment " + name);
    }

    private HostInfo owner(final String store, final String key, final String what) {
        final KafkaStreams streams = host.streams();
        if (streams == null) {
            throw new StoreUnavailableException("Kafka Streams is starting");
        }
        final KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, KEY_SERIALIZER);
        } catch (final StreamsException | IllegalStateException e) {
            throw new StoreUnavailableException("No owner known for " + what + ": " + e.getMessage(), e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw new StoreUnavailableException("The owner of " + what + " is not known yet (rebalancing)");
        }
        return metadata.activeHost();
    }

    /** Whether this instance owns the user's state. */
    public boolean isLocal(final long userId) {
        return ownerOf(userId).equals(host.self());
    }

    /** This instance. */
    public HostInfo self() {
        return host.self();
    }

    /** This instance as {@code host:port}. */
    public String selfId() {
        return host.instanceId();
    }
}
