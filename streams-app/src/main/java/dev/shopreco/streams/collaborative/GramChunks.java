package dev.shopreco.streams.collaborative;

import dev.shopreco.common.Names;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds row changes of the item Gram matrices, keyed by row product, to {@code item-gram}, where a row
 * is held in {@link #CHUNKS} chunks, a column going to the chunk a hash of its id picks, keyed
 * {@code (row, chunk)}: a change rewrites the chunks it touches (a row of N kept products has about
 * N / CHUNKS cells a chunk, whatever the catalog's ids), never the whole row. Forwards each new chunk
 * (a tombstone when it became empty) keyed the same way, for {@code reco.item-gram}. A cell whose
 * user count comes to 0 is dropped: no user counts both products any more, so its weighted value is
 * 0 up to rounding.
 */
public final class GramChunks implements Processor<Long, GramRow, ChunkKey, GramRow> {

    /** Chunks per row (a power of two). */
    public static final int CHUNKS = 32;

    private ProcessorContext<ChunkKey, GramRow> context;
    private KeyValueStore<ChunkKey, GramRow> store;

    @Override
    public void init(final ProcessorContext<ChunkKey, GramRow> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(Names.STORE_ITEM_GRAM);
    }

    /** The chunk of column {@code column}: a mix of its bits, so that any pattern of ids spreads evenly. */
    public static int chunkOf(final long column) {
        long z = column * 0x9E3779B97F4A7C15L;
        z ^= z >>> 32;
        return (int) (z & (CHUNKS - 1));
    }

    @Override
    public void process(final Record<Long, GramRow> record) {
        final long row = record.key();
        for (final GramRow part : byChunk(record.value())) {
            final ChunkKey key = new ChunkKey(row, chunkOf(part.column(0)));
            final GramRow old = store.get(key);
            final GramRow next = (old == null ? GramRow.empty() : old).plus(part);
            if (next.size() == 0) {
                if (old != null) {
                    store.delete(key);
                    context.forward(record.withKey(key).withValue(null));
                }
            } else if (!next.equals(old)) {
                store.put(key, next);
                context.forward(record.withKey(key).withValue(next));
            }
        }
    }

    /** The change's columns split by chunk, each part in ascending column order. */
    static List<GramRow> byChunk(final GramRow change) {
        final List<List<Integer>> at = new ArrayList<>(CHUNKS);
        for (int c = 0; c < CHUNKS; c++) {
            at.add(null);
        }
        for (int i = 0; i < change.size(); i++) {
            final int chunk = chunkOf(change.column(i));
            if (at.get(chunk) == null) {
                at.set(chunk, new ArrayList<>());
            }
            at.get(chunk).add(i);
        }
        final List<GramRow> parts = new ArrayList<>();
        for (final List<Integer> positions : at) {
            if (positions != null) {
                parts.add(change.select(positions));
            }
        }
        return parts;
    }
}
