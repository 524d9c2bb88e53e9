package dev.shopreco.streams.state;

import java.nio.ByteBuffer;
import java.util.Comparator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A product with a score: a popularity, a cosine similarity, a random draw.
 *
 * @param productId the product
 * @param score     higher is better
 */
public record ScoredProduct(long productId, double score) {

    /** Best first; equal scores by ascending product id, so that every ordering is reproducible. */
    public static final Comparator<ScoredProduct> BEST_FIRST = Comparator
            .comparingDouble(ScoredProduct::score).reversed()
            .thenComparingLong(ScoredProduct::productId);

    /** Size of the binary form: the id and the score. */
    static final int BYTES = Long.BYTES + Double.BYTES;

    private static final byte VERSION = 1;
    private static final Serde<ScoredProduct> BINARY = BinarySerde.of(ScoredProduct::toBytes,
            ScoredProduct::fromBytes);

    /**
     * Binary serde of the repartition towards the top list (one record per popularity change): a
     * version byte, the id and the score.
     */
    public static Serde<ScoredProduct> serde() {
        return BINARY;
    }

    void writeTo(final ByteBuffer out) {
        out.putLong(productId).putDouble(score);
    }

    static ScoredProduct readFrom(final ByteBuffer in) {
        return new ScoredProduct(in.getLong(), in.getDouble());
    }

    private static byte[] toBytes(final ScoredProduct product) {
        final ByteBuffer out = ByteBuffer.allocate(1 + BYTES).put(VERSION);
        product.writeTo(out);
        return out.array();
    }

    private static ScoredProduct fromBytes(final byte[] bytes) {
        if (bytes.length != 1 + BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not a scored-product record (" + bytes.length + " bytes)");
        }
        return readFrom(ByteBuffer.wrap(bytes, 1, BYTES));
    }
}
