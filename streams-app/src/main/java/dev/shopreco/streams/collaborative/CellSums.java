package dev.shopreco.streams.collaborative;

import java.util.Arrays;

/**
 * Sums per cell, keyed by a packed pair of small indexes: an open-addressing hash map from a
 * {@code long} to a {@code double} and a {@code long}, without boxing. Memory follows the cells added,
 * not the products known. Not thread-safe.
 */
final class CellSums {

    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private double[] weighted;
    private long[] users;
    private int size;

    CellSums() {
        allocate(256);
    }

    /** The key of cell (row, column) for indexes below 2^31. */
    static long key(final int row, final int column) {
        return (long) row << 32 | column;
    }

    static int row(final long key) {
        return (int) (key >>> 32);
    }

    static int column(final long key) {
        return (int) key;
    }

    /** Adds {@code w} and {@code u} to the cell's sums (a new cell starts at 0). */
    void add(final long key, final double w, final long u) {
        int slot = slotOf(key);
        if (keys[slot] == FREE) {
            keys[slot] = key;
            if (++size * 4L > keys.length * 3L) {
                grow();
                slot = slotOf(key);
            }
        }
        weighted[slot] += w;
        users[slot] += u;
    }

    int size() {
        return size;
    }

    /** Slots to visit with {@link #used}, {@link #keyAt}, {@link #weightedAt}, {@link #usersAt}. */
    int slots() {
        return keys.length;
    }

    boolean used(final int slot) {
        return keys[slot] != FREE;
    }

    long keyAt(final int slot) {
        return keys[slot];
    }

    double weightedAt(final int slot) {
        return weighted[slot];
    }

    long usersAt(final int slot) {
        return users[slot];
    }

    private int slotOf(final long key) {
        final int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int mix(final long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        z ^= z >>> 29;
        return (int) (z ^ (z >>> 32));
    }

    private void grow() {
        final long[] oldKeys = keys;
        final double[] oldWeighted = weighted;
        final long[] oldUsers = users;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                final int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                weighted[slot] = oldWeighted[i];
                users[slot] = oldUsers[i];
            }
        }
    }

    private void allocate(final int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, FREE);
        weighted = new double[capacity];
        users = new long[capacity];
    }
}
