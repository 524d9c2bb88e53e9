package dev.shopreco.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.state.UserProductKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a restart of the aggregator finds of the pairs pending for the next item-Gram flush. */
class GramPendingTest {

    private KeyValueStore<UserProductKey, byte[]> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("item-gram-pending"),
                UserProductKey.serde(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void shouldKeepOnlyTheSumBeforeThePairsFirstChangeAndFindItAgainAfterARestart() {
        final GramPending pending = new GramPending(store);
        pending.note(7, 101, Double.NaN);
        pending.note(7, 101, 1.0);
        pending.note(7, 102, 2.0);
        pending.note(7, 102, 3.0);
        pending.note(8, 101, 4.0);

        final GramPending restarted = new GramPending(store);
        assertEquals(2, restarted.byUser().size());
        assertTrue(Double.isNaN(restarted.byUser().get(7L).get(101L)), "new pair stays new");
        assertEquals(2.0, restarted.byUser().get(7L).get(102L));
        assertEquals(Map.of(101L, 4.0), restarted.byUser().get(8L));
        assertEquals(2, keys().size(), "one entry per user");
    }

    @Test
    void shouldEmptyTheStoreOnClearButKeepTheMarker() {
        final GramPending pending = new GramPending(store);
        assertFalse(pending.complete());
        pending.markComplete();
        pending.note(7, 101, 1.0);
        pending.clear();

        assertTrue(pending.byUser().isEmpty());
        assertEquals(List.of(GramPending.COMPLETE), keys());
        assertTrue(new GramPending(store).complete());
        assertTrue(new GramPending(store).byUser().isEmpty());
    }

    @Test
    void shouldMarkPairsNewWhateverWasNoted() {
        final GramPending pending = new GramPending(store);
        pending.note(7, 101, 1.0);
        pending.markNew(List.of(new UserProductKey(7, 101), new UserProductKey(7, 103), new UserProductKey(9, 101)));

        final GramPending restarted = new GramPending(store);
        assertTrue(Double.isNaN(restarted.byUser().get(7L).get(101L)));
        assertTrue(Double.isNaN(restarted.byUser().get(7L).get(103L)));
        assertTrue(Double.isNaN(restarted.byUser().get(9L).get(101L)));
    }

    @Test
    void shouldRewriteTheFirstVersionsEntryPerPairAtStartUp() {
        // the first version: (user, product) -> the sum before, 8 bytes; the marker (-1, -1) -> 1.0
        store.put(new UserProductKey(7, 101), ByteBuffer.allocate(8).putDouble(Double.NaN).array());
        store.put(new UserProductKey(7, 102), ByteBuffer.allocate(8).putDouble(2.0).array());
        store.put(GramPending.COMPLETE, ByteBuffer.allocate(8).putDouble(1.0).array());

        final GramPending pending = new GramPending(store);
        assertTrue(pending.complete());
        assertTrue(Double.isNaN(pending.byUser().get(7L).get(101L)));
        assertEquals(2.0, pending.byUser().get(7L).get(102L));
        assertNull(store.get(new UserProductKey(7, 101)), "the pair entry is rewritten");
        assertEquals(Set.of(GramPending.COMPLETE, new UserProductKey(7, -1)), Set.copyOf(keys()));
        assertEquals(pending.byUser(), new GramPending(store).byUser());
    }

    private List<UserProductKey> keys() {
        final List<UserProductKey> keys = new ArrayList<>();
        try (KeyValueIterator<UserProductKey, byte[]> it = store.all()) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
