package dev.shopreco.streams.state;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A product with its popularity and its number of users: one record of the repartition towards the
 * single task that ranks products (the popularity top-K list and the item Gram kept set).
 *
 * @param productId  the product
 * @param popularity the sum over users of s(u,p)
 * @param users      the number of users who touched it
 */
public record RankedProduct(long productId, double popularity, long users) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Long.BYTES + Double.BYTES + Long.BYTES;
    private static final Serde<RankedProduct> SERDE = BinarySerde.of(RankedProduct::toBytes, RankedProduct::fromBytes);

    /** Binary: a version byte, the id, the popularity, the users. */
    public static Serde<RankedProduct> serde() {
        return SERDE;
    }

    /** The product scored by its popularity. */
    public ScoredProduct byPopularity() {
        return new ScoredProduct(productId, popularity);
    }

    static byte[] toBytes(final RankedProduct product) {
        return ByteBuffer.allocate(BYTES).put(VERSION).putLong(product.productId).putDouble(product.popularity)
                .putLong(product.users).array();
    }

    static RankedProduct fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not a ranked-product record (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        return new RankedProduct(in.getLong(), in.getDouble(), in.getLong());
    }
}
