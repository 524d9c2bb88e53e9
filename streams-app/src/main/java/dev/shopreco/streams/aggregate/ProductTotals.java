package dev.shopreco.streams.aggregate;

import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A product's popularity (the sum over users of s(u,p)) and number of users, or a change of both: what
 * the per-user aggregation sends per product and flush period, and what {@code product-popularity}
 * sums them to.
 *
 * @param popularity the popularity, or its change
 * @param users      the number of users who touched the product, or its change
 */
public record ProductTotals(double popularity, long users) implements ProductChange {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Double.BYTES + Long.BYTES;
    private static final Serde<ProductTotals> SERDE = BinarySerde.of(ProductTotals::toBytes, ProductTotals::fromBytes);

    /** The sum of two changes (or totals and a change). */
    public ProductTotals plus(final ProductTotals other) {
        return new ProductTotals(popularity + other.popularity, users + other.users);
    }

    /** Binary: a version byte, the popularity, the users. */
    public static Serde<ProductTotals> serde() {
        return SERDE;
    }

    static byte[] toBytes(final ProductTotals totals) {
        return ByteBuffer.allocate(BYTES).put(VERSION).putDouble(totals.popularity).putLong(totals.users).array();
    }

    static ProductTotals fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not a product-totals record (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        return new ProductTotals(in.getDouble(), in.getLong());
    }
}
