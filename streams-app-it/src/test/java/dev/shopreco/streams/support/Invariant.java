package dev.shopreco.streams.support;

import static org.awaitility.Awaitility.await;

import dev.shopreco.common.Names;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.StoreBackedState;
import dev.shopreco.streams.state.UserProductKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The invariant checked against a running instance on a real broker, after a replay. */
public final class Invariant {

    private static final Logger LOG = LoggerFactory.getLogger(Invariant.class);

    private Invariant() {
    }

    /** Waits until the group has committed every input and internal topic to its end, twice in a row. */
    public static void awaitCaughtUp(final Admin admin, final KafkaTopics topics, final KafkaStreams streams,
            final String appId, final AtomicReference<Throwable> failure) {
        final List<String> consumed = List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS,
                Names.TOPIC_INTERACTIONS,
                appId + "-popularity-by-product-repartition", appId + "-popularity-top-repartition",
                appId + "-" + Names.REPARTITION_ITEM_GRAM + "-repartition",
                appId + "-" + Names.REPARTITION_USER_KNN_POSTINGS + "-repartition");
        final AtomicReference<Map<TopicPartition, Long>> previous = new AtomicReference<>(Map.of());
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (failure.get() != null) {
                throw new AssertionError("the topology failed", failure.get());
            }
            final KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new AssertionError("the topology stopped: " + state);
            }
            if (state != KafkaStreams.State.RUNNING) {
                return false;
            }
            final Map<TopicPartition, Long> end = topics.endOffsets(admin, consumed);
            final boolean stable = end.equals(previous.getAndSet(end));
            return stable && topics.caughtUp(admin, appId, end);
        });
    }

    /**
     * Every s(u,p), popularity, profile and top-K entry, every interaction on {@code shop.interactions}
     * and every dead letter equal the reference's ({@code markers}: records the test sent itself).
     *
     * @return the number of interactions and topology dead letters compared
     */
    public static int[] assertHolds(final ReferenceResult reference, final KafkaStreams streams,
            final KafkaTopics topics, final List<String> markers) {
        // the catalog does not change here: one content index a second, not one per read
        final StoreBackedState state = StoreBackedState.of(streams, Duration.ofSeconds(1));
        final Set<Long> users = users(streams);
        // committed input says nothing of what waits for a wall-clock flush: the item Gram rows follow the
        // last changes one Gram flush later (ITEM_GRAM_FLUSH_INTERVAL, 30 s), a kept set the global thread
        // had not read at that flush one more, and the global stores follow their topics on the global
        // thread; in one CI run (api built beside this module) the rows were still one task's share short
        // after 2 minutes
        final long settling = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> StateAssertions.assertSameState(reference, state, users));
        LOG.info("The state equalled the reference {} s after the input was processed",
                (System.nanoTime() - settling) / 1_000_000_000L);

        final List<Interaction> interactions = topics.readAll(Names.TOPIC_INTERACTIONS, JsonSerde.of(Interaction.class));
        StateAssertions.assertSameInteractions(reference.interactions(), interactions, false);

        final List<Rejected> deadLetters = topics.readAll(Names.TOPIC_REJECTED, JsonSerde.of(Rejected.class));
        final List<Rejected> byTopology = deadLetters.stream()
                .filter(r -> "topology".equals(r.stage()) && !markers.contains(r.original())).toList();
        StateAssertions.assertSameRejections(reference.rejected(), byTopology, false);
        StateAssertions.assertSameRejections(reference.invalidLines(),
                deadLetters.stream().filter(r -> "producer".equals(r.stage())).toList(), false);
        return new int[] {interactions.size(), byTopology.size()};
    }

    /** The users with at least one interaction in the instance's {@code user-interactions} store. */
    public static Set<Long> users(final KafkaStreams streams) {
        final ReadOnlyKeyValueStore<UserProductKey, InteractionStats> store = streams.store(
                StoreQueryParameters.fromNameAndType(Names.STORE_USER_INTERACTIONS,
                        QueryableStoreTypes.<UserProductKey, InteractionStats>keyValueStore()));
        final Set<Long> users = new TreeSet<>();
        try (KeyValueIterator<UserProductKey, InteractionStats> it = store.all()) {
            it.forEachRemaining(kv -> users.add(kv.key.userId()));
        }
        return users;
    }
}
