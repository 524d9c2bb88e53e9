package dev.shopreco.streams.collaborative;

import dev.shopreco.common.Names;
import dev.shopreco.streams.state.RankedProduct;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Ranks products by their number of users (ties by ascending id) and keeps the first N
 * ({@link GramSettings#keptProducts()}): the products that have item Gram cells. Runs in the single
 * task of the ranking key; members are kept in {@code item-gram-kept-builder} (product -> users) and
 * mirrored in a heap index rebuilt at start. Forwards only membership changes, keyed by product: the
 * user count when a product enters, a tombstone when it leaves (to {@code reco.item-gram.kept}).
 *
 * <p>Exact because a product's user count never decreases: a product that leaves can only come back
 * through an update of its own, which is offered again.
 *
 * <p>Forwarded timestamps never decrease (the newest timestamp seen, at least the task's stream
 * time): the updates come from several upstream tasks, and the global table over the topic would
 * otherwise log each older one as an out-of-order update.
 */
public final class KeptProducts implements Processor<String, RankedProduct, Long, Long> {

    private final int size;
    private final Map<Long, Long> members = new HashMap<>();
    private final TreeSet<long[]> ranking = new TreeSet<>((a, b) -> a[1] == b[1] ? 0
            : CoOccurrence.ranksBefore(a[0], a[1], b[0], b[1]) ? -1 : 1);
    private ProcessorContext<Long, Long> context;
    private KeyValueStore<Long, Long> store;
    private long newest = Long.MIN_VALUE;

    public KeptProducts(final int size) {
        this.size = size;
    }

    @Override
    public void init(final ProcessorContext<Long, Long> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(Names.STORE_ITEM_GRAM_KEPT_BUILDER);
        // a task revived after a dirty close runs init again on this instance: the heap holds what the
        // aborted transaction wrote, the store what was committed
        members.clear();
        ranking.clear();
        try (KeyValueIterator<Long, Long> it = store.all()) {
            it.forEachRemaining(entry -> {
                members.put(entry.key, entry.value);
                ranking.add(new long[] {entry.value, entry.key});
            });
        }
    }

    @Override
    public void process(final Record<String, RankedProduct> record) {
        newest = Math.max(newest, Math.max(record.timestamp(), context.currentStreamTimeMs()));
        final long product = record.value().productId();
        final long users = record.value().users();
        final Long known = members.get(product);
        if (known != null) {
            if (known != users) {
                ranking.remove(new long[] {known, product});
                ranking.add(new long[] {users, product});
                members.put(product, users);
                store.put(product, users);
            }
            return;
        }
        if (members.size() >= size) {
            final long[] last = ranking.last();
            if (!CoOccurrence.ranksBefore(users, product, last[0], last[1])) {
                return;
            }
            ranking.remove(last);
            members.remove(last[1]);
            store.delete(last[1]);
            context.forward(record.withKey(last[1]).withValue((Long) null).withTimestamp(newest));
        }
        ranking.add(new long[] {users, product});
        members.put(product, users);
        store.put(product, users);
        context.forward(record.withKey(product).withValue(users).withTimestamp(newest));
    }
}
