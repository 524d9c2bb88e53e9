package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The key of one chunk of an item Gram row ({@link GramChunks}): the row's product and the chunk
 * index. Serialised as two big-endian longs, so that a store or a compacted topic keyed by it
 * iterates row by row.
 *
 * @param row   the row's product
 * @param chunk the chunk index
 */
public record ChunkKey(long row, long chunk) {

    static final int BYTES = 2 * Long.BYTES;

    private static final Serde<ChunkKey> SERDE = BinarySerde.of(ChunkKey::toBytes, ChunkKey::fromBytes);

    /** The 16-byte binary serde. */
    public static Serde<ChunkKey> serde() {
        return SERDE;
    }

    static byte[] toBytes(final ChunkKey key) {
        return ByteBuffer.allocate(BYTES).putLong(key.row).putLong(key.chunk).array();
    }

    static ChunkKey fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new SerializationException("An item-gram chunk key has " + BYTES + " bytes, got " + bytes.length);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new ChunkKey(buffer.getLong(), buffer.getLong());
    }
}
