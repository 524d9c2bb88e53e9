package dev.shopreco.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.state.UserProductKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a restart of the aggregator finds of its item-Gram bookkeeping. */
class GramPendingTest {

    private KeyValueStore<UserProductKey, byte[]> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("item-gram-pending"),
                UserProductKey.serde(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void shouldKeepOnlyTheSumBeforeTheFirstChangeAndFindItAgainAfterARestart() {
        final GramPending pending = new GramPending(store);
        pending.note(7, 101, Double.NaN);
        pending.note(7, 101, 1.0);
        pending.note(7, 102, 2.0);
        pending.note(7, 102, 3.0);
        pending.note(8, 101, 4.0);

        final GramPending restarted = new GramPending(store);
        assertEquals(2, restarted.byUser().size());
        assertTrue(Double.isNaN(restarted.byUser().get(7L).get(101L)), "a product not counted stays not counted");
        assertEquals(2.0, restarted.byUser().get(7L).get(102L));
        assertEquals(Map.of(101L, 4.0), restarted.byUser().get(8L));
        assertEquals(2, keys().size(), "one entry per user");
    }

    @Test
    void shouldEmptyThePendingChangesOnClearButKeepTheAppliedKeptSet() {
        final GramPending pending = new GramPending(store);
        assertArrayEquals(new long[0], pending.applied(), "nothing counted at first");
        pending.setApplied(new long[] {101, 102, 205});
        pending.note(7, 101, 1.0);
        pending.clear();

        assertTrue(pending.byUser().isEmpty());
        assertEquals(1, keys().size(), "only the kept set is left");
        final GramPending restarted = new GramPending(store);
        assertArrayEquals(new long[] {101, 102, 205}, restarted.applied());
        assertTrue(restarted.byUser().isEmpty());
    }

    private List<UserProductKey> keys() {
        final List<UserProductKey> keys = new ArrayList<>();
        try (KeyValueIterator<UserProductKey, byte[]> it = store.all()) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
