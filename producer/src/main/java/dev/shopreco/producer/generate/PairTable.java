package dev.shopreco.producer.generate;

import java.util.Arrays;

/**
 * Per (user, product) aggregates without boxing: an open-addressing table keyed by
 * {@code userIndex << 32 | productIndex}, holding the summed event strength and the month of the
 * first interaction. A hundred thousand users touching a hundred and fifty products each fit in a
 * few hundred megabytes this way; a {@code HashMap<Long, ...>} would need several times that.
 */
final class PairTable {

    private static final long EMPTY = -1L;

    private long[] keys;
    private float[] strength;
    private int[] firstMonth;
    private int size;

    PairTable() {
        allocate(1 << 12);
    }

    int size() {
        return size;
    }

    /**
     * Adds an interaction; returns the month the pair was first seen before this call, or
     * {@link Integer#MIN_VALUE} if this is the pair's first interaction.
     */
    int add(final int user, final int product, final double weight, final int month) {
        if (size * 2 >= keys.length) {
            grow();
        }
        final long key = ((long) user << 32) | product;
        int i = slot(key);
        if (keys[i] == EMPTY) {
            keys[i] = key;
            strength[i] = (float) weight;
            firstMonth[i] = month;
            size++;
            return Integer.MIN_VALUE;
        }
        strength[i] += (float) weight;
        final int first = firstMonth[i];
        firstMonth[i] = Math.min(first, month);
        return first;
    }

    /** Visits every pair. */
    void forEach(final PairVisitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                visitor.visit((int) (keys[i] >>> 32), (int) keys[i], strength[i]);
            }
        }
    }

    /** Receives one pair. */
    interface PairVisitor {
        void visit(int user, int product, double strength);
    }

    private int slot(final long key) {
        final int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long mix(final long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private void grow() {
        final long[] oldKeys = keys;
        final float[] oldStrength = strength;
        final int[] oldFirst = firstMonth;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                final int i = slot(oldKeys[j]);
                keys[i] = oldKeys[j];
                strength[i] = oldStrength[j];
                firstMonth[i] = oldFirst[j];
            }
        }
    }

    private void allocate(final int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        strength = new float[capacity];
        firstMonth = new int[capacity];
    }
}
