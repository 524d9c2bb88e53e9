package dev.shopreco.streams.collaborative;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * The item Gram matrices as rows by product ({@link GramRow}): what the topology keeps in
 * {@code item-gram} and every instance reads from {@code item-gram-all} (in chunks), or what the batch
 * reference computes from the same interactions. Immutable.
 */
public final class ItemGram {

    private static final ItemGram EMPTY = new ItemGram(new TreeMap<>());

    private final SortedMap<Long, GramRow> rows;

    private ItemGram(final SortedMap<Long, GramRow> rows) {
        this.rows = Collections.unmodifiableSortedMap(rows);
    }

    /** The matrices with these rows (copied). */
    public static ItemGram of(final Map<Long, GramRow> rows) {
        return rows.isEmpty() ? EMPTY : new ItemGram(new TreeMap<>(rows));
    }

    /**
     * The matrices from their chunks ({@link GramChunks}) in key order: row by row, as a scan of
     * {@code item-gram} or {@code item-gram-all} returns them.
     */
    public static ItemGram fromChunks(final Iterator<KeyValue<ChunkKey, GramRow>> chunks) {
        final TreeMap<Long, GramRow> rows = new TreeMap<>();
        long row = 0;
        final List<GramRow> parts = new ArrayList<>();
        while (chunks.hasNext()) {
            final KeyValue<ChunkKey, GramRow> next = chunks.next();
            if (next.key.row() != row && !parts.isEmpty()) {
                rows.put(row, GramRow.merge(parts));
                parts.clear();
            }
            row = next.key.row();
            parts.add(next.value);
        }
        if (!parts.isEmpty()) {
            rows.put(row, GramRow.merge(parts));
        }
        return rows.isEmpty() ? EMPTY : new ItemGram(rows);
    }

    /** No rows: nobody touched anything. */
    public static ItemGram empty() {
        return EMPTY;
    }

    /** The rows by product, ascending. */
    public SortedMap<Long, GramRow> rows() {
        return rows;
    }

    /** Product p's row, or null when nobody touched p. */
    public GramRow row(final long product) {
        return rows.get(product);
    }

    /** The number of users who touched p (the diagonal of the binary Gram matrix). */
    public long users(final long product) {
        final GramRow row = rows.get(product);
        if (row == null) {
            return 0;
        }
        final int at = row.indexOf(product);
        return at < 0 ? 0 : row.users(at);
    }

    /** Whether no product has a row. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
