package dev.shopreco.streams.experiment;

import dev.shopreco.common.Names;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Rejected;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The live A/B analysis, added to the recommender's topology:
 *
 * <pre>
 * reco.served (as_of time) --served--+
 *                                    +--attribute-served [ab-served-lists, ab-recent-events, ab-exposed-users]--+
 * shop.interactions --------event----+                                                                      |
 *   +--(bad served record)--> shop.sessions.rejected                                                        |
 *   +--(experiment, variant delta)--> ab-deltas-by-experiment --sum-experiment [ab-experiment-counts]        |
 * </pre>
 *
 * {@code reco.served} and {@code shop.interactions} are both keyed by user id (decimal text) and must
 * have the same number of partitions; {@code ab-experiment-counts} is keyed by experiment name.
 */
public final class ExperimentTopology {

    private static final Serde<String> TEXT = Serdes.String();

    private ExperimentTopology() {
    }

    /**
     * Adds the analysis to {@code builder}; {@code interactions} is the builder's one stream over
     * {@code shop.interactions} (a topic can have only one source in a topology).
     */
    public static void addTo(final StreamsBuilder builder, final KStream<String, Interaction> interactions,
            final ExperimentSettings settings) {
        final Duration retention = settings.retention();
        // retention = window + grace: a list older than the window can no longer be clicked, an event older
        // than it can no longer click a list; the grace lets either arrive that late (window size 1 ms: each
        // entry is one instant). No record cache: it would keep expired entries readable until evicted.
        // In memory, restored from their changelogs at each start: Kafka Streams 4.4 cannot recover a
        // segmented RocksDB window store that a killed process left behind under exactly-once (the wiped
        // task's segments stay locked in the process: "lock hold by current process"; found by the
        // reliability module's crash scenario). They hold one window of lists and events, no more.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(
                Names.STORE_AB_SERVED_LISTS, retention, Duration.ofMillis(1), false), TEXT, ServedList.serde()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(
                Names.STORE_AB_RECENT_EVENTS, retention, Duration.ofMillis(1), false), TEXT, RecentEvents.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_AB_EXPOSED_USERS), TEXT, TEXT).withCachingEnabled());

        final KStream<String, AttributionInput> served = builder
                .stream(Names.TOPIC_SERVED, Consumed.with(TEXT, TEXT).withName("served-source")
                        .withTimestampExtractor(new ServedTimeExtractor()))
                .mapValues(text -> (AttributionInput) new AttributionInput.Served(text), Named.as("ab-served-input"));
        final KStream<String, AttributionInput> events = interactions
                .mapValues(interaction -> (AttributionInput) new AttributionInput.Event(interaction),
                        Named.as("ab-event-input"));
        final long windowMillis = settings.window().toMillis();
        final long retentionMillis = retention.toMillis();
        served.merge(events, Named.as("ab-inputs"))
                .process(() -> new AttributionProcessor(windowMillis, retentionMillis), Named.as("attribute-served"),
                        Names.STORE_AB_SERVED_LISTS, Names.STORE_AB_RECENT_EVENTS,
                        Names.STORE_AB_EXPOSED_USERS)
                .split(Named.as("ab-"))
                .branch((key, outcome) -> outcome instanceof AttributionOutcome.Delta,
                        Branched.withConsumer(deltas -> deltas
                                .mapValues(outcome -> ((AttributionOutcome.Delta) outcome).delta(),
                                        Named.as("ab-delta"))
                                .repartition(Repartitioned.with(TEXT, VariantDelta.serde())
                                        .withName(Names.REPARTITION_AB_DELTAS))
                                .groupByKey(Grouped.with("ab-deltas-grouped", TEXT, VariantDelta.serde()))
                                .aggregate(ExperimentCounts::empty, (name, delta, counts) -> counts.plus(delta),
                                        Named.as("sum-experiment"),
                                        Materialized.<String, ExperimentCounts, KeyValueStore<Bytes, byte[]>>as(
                                                Names.STORE_AB_EXPERIMENT_COUNTS)
                                                .withKeySerde(TEXT).withValueSerde(ExperimentCounts.serde())),
                                "counted"))
                .defaultBranch(Branched.withConsumer(refused -> refused
                        .mapValues(outcome -> ((AttributionOutcome.Refused) outcome).rejected(),
                                Named.as("ab-dead-letter"))
                        .to(Names.TOPIC_REJECTED, Produced.with(TEXT, JsonSerde.of(Rejected.class))
                                .withName("ab-rejected-sink")), "refused"));
    }
}
