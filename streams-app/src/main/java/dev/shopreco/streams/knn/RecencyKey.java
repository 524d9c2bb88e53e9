package dev.shopreco.streams.knn;

import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The key of a product's postings in recency order ({@code user-knn-recency}): the product, whether
 * the posting is published, its last event time, its user. Serialised so that byte order is this
 * order (the time's sign bit flipped, so an event before 1970 still sorts first): a range over one
 * (product, published) runs from the oldest posting to the newest, ties by ascending user.
 *
 * @param product   the product
 * @param published whether the posting is one of the product's published, most recent ones
 * @param time      the pair's last event time, epoch ms
 * @param user      the user
 */
record RecencyKey(long product, boolean published, long time, long user) {

    private static final int BYTES = Long.BYTES + 1 + Long.BYTES + Long.BYTES;
    private static final Serde<RecencyKey> SERDE = BinarySerde.of(RecencyKey::toBytes, RecencyKey::fromBytes);

    static Serde<RecencyKey> serde() {
        return SERDE;
    }

    /** The first key of (product, published) in byte order. */
    static RecencyKey first(final long product, final boolean published) {
        return new RecencyKey(product, published, Long.MIN_VALUE, 0);
    }

    /** The last key of (product, published) in byte order. */
    static RecencyKey last(final long product, final boolean published) {
        return new RecencyKey(product, published, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    static byte[] toBytes(final RecencyKey key) {
        return ByteBuffer.allocate(BYTES).putLong(key.product).put((byte) (key.published ? 1 : 0))
                .putLong(key.time ^ Long.MIN_VALUE).putLong(key.user).array();
    }

    static RecencyKey fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new SerializationException("A posting recency key has " + BYTES + " bytes, got " + bytes.length);
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        return new RecencyKey(in.getLong(), in.get() == 1, in.getLong() ^ Long.MIN_VALUE, in.getLong());
    }
}
