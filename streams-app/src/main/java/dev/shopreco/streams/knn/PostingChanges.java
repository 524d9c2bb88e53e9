package dev.shopreco.streams.knn;

import dev.shopreco.streams.aggregate.ProductChange;
import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The changes of one product's postings from one flush of one task: for each user whose entry
 * changed, the pair's current strength sum and last event time, or a sum of {@code NaN} when the
 * user no longer counts with the product (it left the user's co-occurrence window or the kept set).
 * Users ascending; immutable.
 *
 * <p>Binary: a version byte, the entry count, then per entry the user (8 bytes), the sum (8) and the
 * time (8).
 */
public final class PostingChanges implements ProductChange {

    private static final byte VERSION = 1;
    private static final int ENTRY_BYTES = Long.BYTES + Double.BYTES + Long.BYTES;
    private static final Serde<PostingChanges> SERDE = BinarySerde.of(PostingChanges::toBytes,
            PostingChanges::fromBytes);

    private final long[] users;
    private final double[] sums;
    private final long[] times;

    PostingChanges(final long[] users, final double[] sums, final long[] times) {
        this.users = users;
        this.sums = sums;
        this.times = times;
    }

    /** The binary serde. */
    public static Serde<PostingChanges> serde() {
        return SERDE;
    }

    public int size() {
        return users.length;
    }

    public long user(final int i) {
        return users[i];
    }

    /** Whether the i-th user no longer counts with the product. */
    public boolean removed(final int i) {
        return Double.isNaN(sums[i]);
    }

    /** The i-th user's posting (not for a removal). */
    public Posting posting(final int i) {
        return new Posting(sums[i], times[i]);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PostingChanges that && Arrays.equals(users, that.users)
                && Arrays.equals(sums, that.sums) && Arrays.equals(times, that.times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(users) * 31 + Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        final StringBuilder out = new StringBuilder("PostingChanges[");
        for (int i = 0; i < users.length; i++) {
            out.append(i == 0 ? "" : ", ").append(users[i]).append(removed(i) ? "=gone" : "=" + sums[i] + "@" + times[i]);
        }
        return out.append(']').toString();
    }

    static byte[] toBytes(final PostingChanges changes) {
        final ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + changes.users.length * ENTRY_BYTES)
                .put(VERSION).putInt(changes.users.length);
        for (int i = 0; i < changes.users.length; i++) {
            out.putLong(changes.users[i]).putDouble(changes.sums[i]).putLong(changes.times[i]);
        }
        return out.array();
    }

    static PostingChanges fromBytes(final byte[] bytes) {
        if (bytes.length < 1 + Integer.BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not a posting-changes record (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final int n = in.getInt();
        if (n < 0 || bytes.length != 1 + Integer.BYTES + (long) n * ENTRY_BYTES) {
            throw new SerializationException("A posting-changes record of " + bytes.length + " bytes cannot hold "
                    + n + " entries");
        }
        final long[] users = new long[n];
        final double[] sums = new double[n];
        final long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            users[i] = in.getLong();
            sums[i] = in.getDouble();
            times[i] = in.getLong();
        }
        return new PostingChanges(users, sums, times);
    }
}
