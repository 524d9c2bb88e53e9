package dev.shopreco.streams.state;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Key of the {@code user-interactions} store: one entry per (user, product), so an event rewrites 25
 * bytes instead of the user's whole map. Serialised as two big-endian longs, which makes the user id
 * an 8-byte prefix: {@code prefixScan(userId, new LongSerializer())} returns one user's products in
 * ascending product order (ids are positive, so byte order is numeric order).
 *
 * @param userId    the user
 * @param productId the product
 */
public record UserProductKey(long userId, long productId) {

    static final int BYTES = 2 * Long.BYTES;

    /** The compact binary serde of the key. */
    public static Serde<UserProductKey> serde() {
        return BinarySerde.of(UserProductKey::toBytes, UserProductKey::fromBytes);
    }

    static byte[] toBytes(final UserProductKey key) {
        return ByteBuffer.allocate(BYTES).putLong(key.userId).putLong(key.productId).array();
    }

    static UserProductKey fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new SerializationException("A user-product key has " + BYTES + " bytes, got " + bytes.length);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UserProductKey(buffer.getLong(), buffer.getLong());
    }
}
