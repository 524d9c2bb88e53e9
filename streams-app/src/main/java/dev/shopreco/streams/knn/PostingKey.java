package dev.shopreco.streams.knn;

import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The key of one posting: a product and one of its users. Serialised as two big-endian longs, so a
 * store or compacted topic keyed by it iterates product by product, users ascending (ids are
 * positive, so byte order is numeric order).
 *
 * @param product the product
 * @param user    the user
 */
public record PostingKey(long product, long user) {

    static final int BYTES = 2 * Long.BYTES;

    private static final Serde<PostingKey> SERDE = BinarySerde.of(PostingKey::toBytes, PostingKey::fromBytes);

    /** The 16-byte binary serde. */
    public static Serde<PostingKey> serde() {
        return SERDE;
    }

    static byte[] toBytes(final PostingKey key) {
        return ByteBuffer.allocate(BYTES).putLong(key.product).putLong(key.user).array();
    }

    static PostingKey fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new SerializationException("A posting key has " + BYTES + " bytes, got " + bytes.length);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new PostingKey(buffer.getLong(), buffer.getLong());
    }
}
