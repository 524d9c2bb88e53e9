package dev.shopreco.streams.content;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable sparse vector over the term ids of a {@link ContentIndex}, entries by ascending id.
 */
public final class SparseVector {

    /** The zero vector. */
    public static final SparseVector ZERO = new SparseVector(new int[0], new double[0]);

    private final int[] indices;
    private final double[] values;

    private SparseVector(final int[] indices, final double[] values) {
        this.indices = indices;
        this.values = values;
    }

    /** A vector from term id -> value; zero values are left out. */
    public static SparseVector of(final Map<Integer, Double> entries) {
        final SortedMap<Integer, Double> sorted = new TreeMap<>(entries);
        sorted.values().removeIf(v -> v == 0.0);
        final int[] indices = new int[sorted.size()];
        final double[] values = new double[sorted.size()];
        int i = 0;
        for (final Map.Entry<Integer, Double> e : sorted.entrySet()) {
            indices[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        return new SparseVector(indices, values);
    }

    /** Number of non-zero entries. */
    public int size() {
        return indices.length;
    }

    /** Term id of the {@code i}-th non-zero entry. */
    public int index(final int i) {
        return indices[i];
    }

    /** Value of the {@code i}-th non-zero entry. */
    public double value(final int i) {
        return values[i];
    }

    /** The value at term {@code termId} (0 if absent). */
    public double get(final int termId) {
        final int at = Arrays.binarySearch(indices, termId);
        return at >= 0 ? values[at] : 0.0;
    }

    public boolean isZero() {
        return indices.length == 0;
    }

    /** Dot product (a merge of the two sorted index lists). */
    public double dot(final SparseVector other) {
        double sum = 0.0;
        int i = 0;
        int j = 0;
        while (i < indices.length && j < other.indices.length) {
            if (indices[i] == other.indices[j]) {
                sum += values[i++] * other.values[j++];
            } else if (indices[i] < other.indices[j]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    /** Euclidean norm. */
    public double norm() {
        double squares = 0.0;
        for (final double v : values) {
            squares += v * v;
        }
        return Math.sqrt(squares);
    }

    /** This vector divided by its norm (scikit-learn's {@code norm='l2'}); the zero vector stays zero. */
    public SparseVector normalized() {
        final double norm = norm();
        if (norm == 0.0) {
            return ZERO;
        }
        final double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] / norm;
        }
        return new SparseVector(indices, scaled);
    }

    /** Term id -> value, by ascending id. */
    public SortedMap<Integer, Double> toMap() {
        final SortedMap<Integer, Double> map = new TreeMap<>();
        for (int i = 0; i < indices.length; i++) {
            map.put(indices[i], values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SparseVector v && Arrays.equals(indices, v.indices) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
