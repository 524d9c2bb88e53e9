package dev.shopreco.streams.aggregate;

import dev.shopreco.streams.collaborative.CoOccurrence;
import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The products of one user's co-occurrence window ({@code user-windows}), each with a last event time
 * that may lag the pair's true one: the store entry is rewritten only when a product comes or goes,
 * not on every event of a product already in it. {@link #oldest()} is therefore a candidate, to be
 * checked against {@code user-interactions} (see {@code UserInteractionAggregator}). Mutable; not
 * thread-safe.
 */
public final class UserWindow {

    private static final byte VERSION = 1;
    private static final int ENTRY_BYTES = 2 * Long.BYTES;
    private static final Serde<UserWindow> SERDE = BinarySerde.of(UserWindow::toBytes, UserWindow::fromBytes);

    private long[] products;
    private long[] times;
    private int size;

    private UserWindow(final long[] products, final long[] times, final int size) {
        this.products = products;
        this.times = times;
        this.size = size;
    }

    static UserWindow empty() {
        return new UserWindow(new long[8], new long[8], 0);
    }

    /** Binary: a version byte, then per product its id and recorded last event time. */
    public static Serde<UserWindow> serde() {
        return SERDE;
    }

    int size() {
        return size;
    }

    long product(final int i) {
        return products[i];
    }

    void add(final long product, final long time) {
        if (size == products.length) {
            products = Arrays.copyOf(products, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        products[size] = product;
        times[size] = time;
        size++;
    }

    /** The position of the entry that is oldest by its recorded time (ties: smaller product id). */
    int oldest() {
        int at = 0;
        for (int i = 1; i < size; i++) {
            if (CoOccurrence.newer(times[at], products[at], times[i], products[i])) {
                at = i;
            }
        }
        return at;
    }

    long time(final int i) {
        return times[i];
    }

    void setTime(final int i, final long time) {
        times[i] = time;
    }

    /** Removes the entry at {@code i} (the last entry takes its place). */
    void removeAt(final int i) {
        size--;
        products[i] = products[size];
        times[i] = times[size];
    }

    static byte[] toBytes(final UserWindow window) {
        final ByteBuffer out = ByteBuffer.allocate(1 + window.size * ENTRY_BYTES).put(VERSION);
        for (int i = 0; i < window.size; i++) {
            out.putLong(window.products[i]).putLong(window.times[i]);
        }
        return out.array();
    }

    static UserWindow fromBytes(final byte[] bytes) {
        if (bytes.length < 1 || bytes[0] != VERSION || (bytes.length - 1) % ENTRY_BYTES != 0) {
            throw new SerializationException("Not a user-window record (" + bytes.length + " bytes)");
        }
        final int n = (bytes.length - 1) / ENTRY_BYTES;
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final long[] products = new long[Math.max(n, 8)];
        final long[] times = new long[Math.max(n, 8)];
        for (int i = 0; i < n; i++) {
            products[i] = in.getLong();
            times[i] = in.getLong();
        }
        return new UserWindow(products, times, n);
    }
}
