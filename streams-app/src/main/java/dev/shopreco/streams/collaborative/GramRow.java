package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.aggregate.ProductChange;
import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * One product p's row of the item Gram matrices, a chunk of it ({@link GramChunks}), or a change of
 * it: for every product q that some user counts together with p ({@link GramSettings}),
 * {@code weighted(q) = sum over those users of s(u,p)·s(u,q)} (the Gram matrix {@code XᵀX} of the
 * smoothed strengths) and {@code users(q)} = their number (the Gram matrix of the binary matrix; on
 * the diagonal, the users counting p). Columns in ascending product order; immutable.
 *
 * <p>Binary form: a version byte, the entry count, then per entry the column (8 bytes), the weighted
 * value (8) and the user count (8): 24 bytes per column.
 */
public final class GramRow implements ProductChange {

    private static final byte VERSION = 1;
    private static final int ENTRY_BYTES = Long.BYTES + Double.BYTES + Long.BYTES;

    private final long[] columns;
    private final double[] weighted;
    private final long[] users;

    private GramRow(final long[] columns, final double[] weighted, final long[] users) {
        this.columns = columns;
        this.weighted = weighted;
        this.users = users;
    }

    private static final GramRow EMPTY = new GramRow(new long[0], new double[0], new long[0]);

    /** A row without columns. */
    public static GramRow empty() {
        return EMPTY;
    }

    /** The columns at {@code positions} (ascending) of this row. */
    GramRow select(final List<Integer> positions) {
        final int n = positions.size();
        final long[] c = new long[n];
        final double[] w = new double[n];
        final long[] u = new long[n];
        for (int i = 0; i < n; i++) {
            final int at = positions.get(i);
            c[i] = columns[at];
            w[i] = weighted[at];
            u[i] = users[at];
        }
        return new GramRow(c, w, u);
    }

    /** One row from parts holding disjoint columns (the chunks of a row), columns ascending. */
    static GramRow merge(final List<GramRow> parts) {
        int n = 0;
        for (final GramRow part : parts) {
            n += part.size();
        }
        final long[] c = new long[n];
        final double[] w = new double[n];
        final long[] u = new long[n];
        final Integer[] order = new Integer[n];
        int at = 0;
        for (final GramRow part : parts) {
            System.arraycopy(part.columns, 0, c, at, part.size());
            System.arraycopy(part.weighted, 0, w, at, part.size());
            System.arraycopy(part.users, 0, u, at, part.size());
            at += part.size();
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(c[a], c[b]));
        final long[] sc = new long[n];
        final double[] sw = new double[n];
        final long[] su = new long[n];
        for (int i = 0; i < n; i++) {
            sc[i] = c[order[i]];
            sw[i] = w[order[i]];
            su[i] = u[order[i]];
        }
        return new GramRow(sc, sw, su);
    }

    /** A row from parallel arrays, columns ascending (taken as they are). */
    static GramRow of(final long[] columns, final double[] weighted, final long[] users) {
        return new GramRow(columns, weighted, users);
    }

    /**
     * This row plus {@code change}, column by column. A column whose user count comes to 0 is dropped:
     * no user touches both products any more, so its weighted value is 0 up to rounding.
     */
    public GramRow plus(final GramRow change) {
        final int max = columns.length + change.columns.length;
        final long[] c = new long[max];
        final double[] w = new double[max];
        final long[] u = new long[max];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < columns.length || j < change.columns.length) {
            final long column;
            double sum = 0.0;
            long count = 0;
            if (j >= change.columns.length || i < columns.length && columns[i] < change.columns[j]) {
                column = columns[i];
                sum = weighted[i];
                count = users[i++];
            } else if (i >= columns.length || change.columns[j] < columns[i]) {
                column = change.columns[j];
                sum = change.weighted[j];
                count = change.users[j++];
            } else {
                column = columns[i];
                sum = weighted[i] + change.weighted[j];
                count = users[i++] + change.users[j++];
            }
            if (count != 0) {
                c[n] = column;
                w[n] = sum;
                u[n] = count;
                n++;
            }
        }
        return new GramRow(Arrays.copyOf(c, n), Arrays.copyOf(w, n), Arrays.copyOf(u, n));
    }

    /** Number of columns (co-touched products, p itself included). */
    public int size() {
        return columns.length;
    }

    /** The i-th column's product id (ascending). */
    public long column(final int i) {
        return columns[i];
    }

    /** The i-th column's {@code sum of s(u,p)·s(u,q)}. */
    public double weighted(final int i) {
        return weighted[i];
    }

    /** The i-th column's count of users who touched both. */
    public long users(final int i) {
        return users[i];
    }

    /** The position of product {@code q} among the columns, or a negative number if absent. */
    public int indexOf(final long q) {
        return Arrays.binarySearch(columns, q);
    }

    /** The compact binary serde (the row changes' repartition, {@code item-gram}, {@code reco.item-gram}). */
    public static Serde<GramRow> serde() {
        return BinarySerde.of(GramRow::toBytes, GramRow::fromBytes);
    }

    static byte[] toBytes(final GramRow row) {
        final ByteBuffer buffer = ByteBuffer.allocate(1 + Integer.BYTES + row.columns.length * ENTRY_BYTES);
        buffer.put(VERSION).putInt(row.columns.length);
        for (int i = 0; i < row.columns.length; i++) {
            buffer.putLong(row.columns[i]).putDouble(row.weighted[i]).putLong(row.users[i]);
        }
        return buffer.array();
    }

    static GramRow fromBytes(final byte[] bytes) {
        if (bytes.length < 1 + Integer.BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not an item-gram row (" + bytes.length + " bytes)");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final int n = buffer.getInt();
        if (n < 0 || bytes.length != 1 + Integer.BYTES + (long) n * ENTRY_BYTES) {
            throw new SerializationException("An item-gram row of " + bytes.length + " bytes cannot hold " + n
                    + " entries");
        }
        final long[] columns = new long[n];
        final double[] weighted = new double[n];
        final long[] users = new long[n];
        for (int i = 0; i < n; i++) {
            columns[i] = buffer.getLong();
            weighted[i] = buffer.getDouble();
            users[i] = buffer.getLong();
        }
        return new GramRow(columns, weighted, users);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof GramRow other && Arrays.equals(columns, other.columns)
                && Arrays.equals(weighted, other.weighted) && Arrays.equals(users, other.users);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(columns) + Arrays.hashCode(weighted)) + Arrays.hashCode(users);
    }

    @Override
    public String toString() {
        final StringBuilder out = new StringBuilder("GramRow[");
        for (int i = 0; i < columns.length; i++) {
            out.append(i == 0 ? "" : ", ").append(columns[i]).append('=').append(weighted[i]).append('/')
                    .append(users[i]);
        }
        return out.append(']').toString();
    }
}
