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
 * Which instance and partition hold a key's state. {@code user-interactions} is partitioned like
 * {@code shop.interactions}, whose key is the user id as decimal text; {@code ab-experiment-counts}
 * is keyed by experiment name.
 *
 * <p>A user's owner is looked up once ({@code queryMetadataForKey}, which is synchronized inside
 * Kafka Streams) and kept until the next rebalance: owners only change then, and the host bumps
 * {@code StateVersions.everything()} on every state change of the client.
 */
@Singleton
public class KeyOwners {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    /** Direct-mapped: a slot holds the last user looked up there. */
    private static final int SLOTS = 1 << 12;

    private final KafkaStreamsHost host;
    private final AtomicReferenceArray<Known> owners = new AtomicReferenceArray<>(SLOTS);

    /**
     * Where a key's state is.
     *
     * @param host      the instance with the active task
     * @param partition the partition of the key
     */
    public record Owner(HostInfo host, int partition) {
    }

    /** The owner of {@code userId} as known while the rebalance counter was {@code version}. */
    private record Known(long userId, long version, Owner owner) {
    }

    public KeyOwners(final KafkaStreamsHost host) {
        this.host = host;
    }

    /**
     * The active owner of the user's partition, and that partition.
     *
     * @throws StoreUnavailableException while no owner is known (starting, rebalancing)
     */
    public Owner ofUser(final long userId) {
        // read the counter before the metadata: a rebalance in between leaves an entry already stale
        final long version = host.versions().everything();
        final int slot = (int) (userId ^ userId >>> 32) & (SLOTS - 1);
        final Known known = owners.get(slot);
        if (known != null && known.userId() == userId && known.version() == version) {
            return known.owner();
        }
        final KeyQueryMetadata metadata = lookUp(Names.STORE_USER_INTERACTIONS, Long.toString(userId), "user " + userId);
        final Owner owner = new Owner(metadata.activeHost(), metadata.partition());
        owners.set(slot, new Known(userId, version, owner));
        return owner;
    }

    /**
     * The active owner of the user's partition.
     *
     * @throws StoreUnavailableException while no owner is known (starting, rebalancing)
     */
    public HostInfo ownerOf(final long userId) {
        return ofUser(userId).host();
    }

    /**
     * The active owner of an experiment's counts ({@code ab-experiment-counts}, keyed by name).
     *
     * @throws StoreUnavailableException while no owner is known (starting, rebalancing)
     */
    public HostInfo ownerOfExperiment(final String name) {
        return lookUp(Names.STORE_AB_EXPERIMENT_COUNTS, name, "experiment " + name).activeHost();
    }

    /**
     * The active owner of {@code key} (as decimal or plain text) in {@code store}, for stores partitioned
     * like their input topic but not necessarily on the same instance as {@code user-interactions}.
     *
     * @throws StoreUnavailableException while no owner is known (starting, rebalancing)
     */
    public HostInfo ownerOfKey(final String store, final String key) {
        return lookUp(store, key, key + " in " + store).activeHost();
    }

    private KeyQueryMetadata lookUp(final String store, final String key, final String what) {
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
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.partition() < 0
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw new StoreUnavailableException("The owner of " + what + " is not known yet (rebalancing)");
        }
        return metadata;
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
