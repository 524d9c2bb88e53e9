package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.StreamsNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds row changes of the item Gram matrices, keyed by row product, to {@code item-gram}, where a row
 * is held in chunks of {@link #WIDTH} consecutive column ids, keyed {@code (row, column / WIDTH)}: a
 * change rewrites the chunks it touches (at most {@code WIDTH} cells each), never the whole row.
 * Forwards each new chunk (a tombstone when it became empty) keyed the same way, for
 * {@code reco.item-gram}. A cell whose user count comes to 0 is dropped: no user counts both products
 * any more, so its weighted value is 0 up to rounding.
 */
public final class GramChunks implements Processor<Long, GramRow, ChunkKey, GramRow> {

    /** Column ids per chunk. */
    public static final int WIDTH = 64;

    private ProcessorContext<ChunkKey, GramRow> context;
    private KeyValueStore<ChunkKey, GramRow> store;

    @Override
    public void init(final ProcessorContext<ChunkKey, GramRow> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(StreamsNames.STORE_ITEM_GRAM);
    }

    /** The chunk of column {@code column}. */
    public static long chunkOf(final long column) {
        return Math.floorDiv(column, WIDTH);
    }

    @Override
    public void process(final Record<Long, GramRow> record) {
        final long row = record.key();
        final GramRow change = record.value();
        int start = 0;
        while (start < change.size()) {
            final long chunk = chunkOf(change.column(start));
            int end = start + 1;
            while (end < change.size() && chunkOf(change.column(end)) == chunk) {
                end++;
            }
            final ChunkKey key = new ChunkKey(row, chunk);
            final GramRow old = store.get(key);
            final GramRow part = change.slice(start, end);
            final GramRow next = old == null ? GramRow.empty().plus(part) : old.plus(part);
            if (next.size() == 0) {
                if (old != null) {
                    store.delete(key);
                    context.forward(record.withKey(key).withValue(null));
                }
            } else if (!next.equals(old)) {
                store.put(key, next);
                context.forward(record.withKey(key).withValue(next));
            }
            start = end;
        }
    }
}
