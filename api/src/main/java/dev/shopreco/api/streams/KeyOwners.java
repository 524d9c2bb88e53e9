package dev.shopreco.api.streams;

import dev.shopreco.common.Names;
import dev.shopreco.streams.StreamsNames;
import jakarta.inject.Singleton;
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

    private final KafkaStreamsHost host;

    public KeyOwners(final KafkaStreamsHost host) {
        this.host = host;
    }

    /**
     * The active owner of the user's partition.
     *
     * @throws StoreUnavailableException while no owner is known (starting, rebalancing)
     */
    public HostInfo ownerOf(final long userId) {
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
        return owner(StreamsNames.STORE_AB_EXPERIMENT_COUNTS, name, "experiment " + name);
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
}
