package dev.shopreco.streams.collaborative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shopreco.common.Names;
import dev.shopreco.streams.state.RankedProduct;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which products the kept set holds, and what it tells the global table. */
class KeptProductsTest {

    private MockProcessorContext<Long, Long> context;
    private KeyValueStore<Long, Long> store;
    private KeptProducts kept;

    @BeforeEach
    void kept() {
        context = new MockProcessorContext<>();
        context.setCurrentStreamTimeMs(0);
        store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.STORE_ITEM_GRAM_KEPT_BUILDER), Serdes.Long(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        kept = new KeptProducts(2);
        kept.init(context);
    }

    @Test
    void shouldForwardOnlyMembershipChangesWithTimestampsThatNeverGoBack() {
        offer(101, 3, 5_000);
        offer(102, 2, 4_000); // from another upstream task, behind the first
        offer(101, 4, 3_000); // a count change of a member: nothing to tell
        offer(103, 1, 6_000); // ranks after both members: not kept
        offer(104, 5, 2_000); // enters, and 102 (the last, 2 users) leaves

        final List<CapturedForward<? extends Long, ? extends Long>> forwarded = context.forwarded();
        assertEquals(List.of(101L, 102L, 102L, 104L), forwarded.stream().map(f -> f.record().key()).toList());
        assertEquals(3L, forwarded.get(0).record().value());
        assertEquals(2L, forwarded.get(1).record().value());
        assertNull(forwarded.get(2).record().value(), "a tombstone for the product that leaves");
        assertEquals(5L, forwarded.get(3).record().value());
        assertEquals(List.of(5_000L, 5_000L, 6_000L, 6_000L),
                forwarded.stream().map(f -> f.record().timestamp()).toList(),
                "the newest timestamp seen, so the global table never sees an update older than the last");
    }

    /**
     * A task revived after a dirty close (its transaction aborted, its stores wiped and restored) runs
     * {@code init} again on the same processor: what it knows must come from the store alone, not from
     * members of the aborted transaction still on the heap.
     */
    @Test
    void shouldKnowOnlyWhatItsStoreHoldsWhenInitializedAgain() {
        offer(101, 3, 1_000);
        offer(102, 2, 1_000);
        // the aborted transaction's writes are not in the restored store
        store.delete(102L);
        kept.init(context);
        context.resetForwards();

        offer(102, 2, 2_000);
        assertEquals(2L, store.get(102L), "the product is written again");
        assertEquals(List.of(102L), context.forwarded().stream().map(f -> f.record().key()).toList(),
                "and told to the global table again");
    }

    private void offer(final long product, final long users, final long timestamp) {
        kept.process(new Record<>(Long.toString(product), new RankedProduct(product, users, users), timestamp));
    }
}
