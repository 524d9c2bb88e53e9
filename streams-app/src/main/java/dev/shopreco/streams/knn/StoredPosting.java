package dev.shopreco.streams.knn;

import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A posting as {@code user-knn-postings} keeps it: the pair's strength sum and last event time, and
 * whether it is published. Binary: a version byte, the sum, the time, the flag (18 bytes).
 */
record StoredPosting(double strengthSum, long lastEventTime, boolean published) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Double.BYTES + Long.BYTES + 1;
    private static final Serde<StoredPosting> SERDE = BinarySerde.of(StoredPosting::toBytes,
            StoredPosting::fromBytes);

    static Serde<StoredPosting> serde() {
        return SERDE;
    }

    Posting posting() {
        return new Posting(strengthSum, lastEventTime);
    }

    static byte[] toBytes(final StoredPosting stored) {
        return ByteBuffer.allocate(BYTES).put(VERSION).putDouble(stored.strengthSum).putLong(stored.lastEventTime)
                .put((byte) (stored.published ? 1 : 0)).array();
    }

    static StoredPosting fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not a stored posting (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        return new StoredPosting(in.getDouble(), in.getLong(), in.get() == 1);
    }
}
