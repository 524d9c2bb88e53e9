package dev.shopreco.streams.knn;

import dev.shopreco.streams.state.BinarySerde;
import dev.shopreco.streams.state.Strength;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A user's entry in a product's postings: the pair's raw strength sum and last event time, as
 * {@code user-interactions} holds them. Binary: a version byte, the sum, the time (17 bytes).
 *
 * @param strengthSum   raw sum of the pair's event strengths
 * @param lastEventTime the pair's latest event time, epoch ms
 */
public record Posting(double strengthSum, long lastEventTime) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Double.BYTES + Long.BYTES;
    private static final Serde<Posting> SERDE = BinarySerde.of(Posting::toBytes, Posting::fromBytes);

    /** {@code s(u,p) = log2(1 + strengthSum)}. */
    public double strength() {
        return Strength.smoothed(strengthSum);
    }

    /** The binary serde. */
    public static Serde<Posting> serde() {
        return SERDE;
    }

    static byte[] toBytes(final Posting posting) {
        return ByteBuffer.allocate(BYTES).put(VERSION).putDouble(posting.strengthSum)
                .putLong(posting.lastEventTime).array();
    }

    static Posting fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not a posting (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        return new Posting(in.getDouble(), in.getLong());
    }
}
