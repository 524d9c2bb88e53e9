package dev.shopreco.streams.aggregate;

import dev.shopreco.streams.collaborative.CoOccurrence;
import java.util.Arrays;

/**
 * The products of one user's co-occurrence window as read from {@code user-windows} ({@link UserWindows}),
 * each with a last event time that may lag the pair's true one: an entry is written when its product
 * enters, not on every event of a product already in the window. {@link #oldest()} is therefore a
 * candidate, to be checked against {@code user-interactions} (see {@code UserInteractionAggregator}).
 * Mutable; not thread-safe.
 */
final class UserWindow {

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
}
