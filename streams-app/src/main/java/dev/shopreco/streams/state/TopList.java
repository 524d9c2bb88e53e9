package dev.shopreco.streams.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.shopreco.common.json.JsonSerde;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The K most popular products, best first (ties by ascending id). Kept by a single-key aggregation
 * and published to a topic that every instance reads as a global table, so that a popularity answer
 * reads one small value instead of scanning the catalog.
 *
 * <p>Correct because popularity never decreases (weights are non-negative, so every s(u,p) change is
 * {@code >= 0}): a product that drops out of the list can only come back through an update of its
 * own, which is offered to the list again.
 *
 * @param entries best first, at most K
 */
public record TopList(List<ScoredProduct> entries) {

    private static final Serde<TopList> JSON = JsonSerde.of(TopList.class);
    private static final byte VERSION = 1;
    private static final Serde<TopList> BINARY = BinarySerde.of(TopList::toBytes, TopList::fromBytes);

    @JsonCreator
    public TopList(@JsonProperty("entries") final List<ScoredProduct> entries) {
        this.entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** No product yet. */
    public static TopList empty() {
        return new TopList(List.of());
    }

    /** This list with {@code product}'s popularity replaced by {@code update}, cut to {@code k}. */
    public TopList with(final ScoredProduct update, final int k) {
        final List<ScoredProduct> next = new ArrayList<>(entries.size() + 1);
        for (final ScoredProduct entry : entries) {
            if (entry.productId() != update.productId()) {
                next.add(entry);
            }
        }
        next.add(update);
        next.sort(ScoredProduct.BEST_FIRST);
        return new TopList(next.size() > k ? next.subList(0, k) : next);
    }

    /** JSON serde of {@code reco.popularity.top}: the topic is meant to be readable, and it changes once a commit. */
    public static Serde<TopList> serde() {
        return JSON;
    }

    /**
     * Binary serde of the store that builds the list, which is read and rewritten for every popularity
     * change: a version byte, then the product id and score of each entry.
     */
    public static Serde<TopList> binarySerde() {
        return BINARY;
    }

    static byte[] toBytes(final TopList list) {
        final ByteBuffer out = ByteBuffer.allocate(1 + list.entries.size() * ScoredProduct.BYTES).put(VERSION);
        list.entries.forEach(entry -> entry.writeTo(out));
        return out.array();
    }

    static TopList fromBytes(final byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION || (bytes.length - 1) % ScoredProduct.BYTES != 0) {
            throw new SerializationException("Not a top-list record (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final List<ScoredProduct> entries = new ArrayList<>((bytes.length - 1) / ScoredProduct.BYTES);
        while (in.hasRemaining()) {
            entries.add(ScoredProduct.readFrom(in));
        }
        return new TopList(entries);
    }
}
