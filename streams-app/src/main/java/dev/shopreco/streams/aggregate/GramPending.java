package dev.shopreco.streams.aggregate;

import dev.shopreco.streams.state.UserProductKey;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's bookkeeping for the item Gram matrices, in {@code item-gram-pending} (logged, so that a
 * commit keeps it with the input offsets):
 *
 * <ul>
 *   <li>per user, the products whose part in the user's contribution changed since the last Gram
 *       flush, each with its strength sum as the rows last counted it ({@code NaN}: not counted); one
 *       entry {@code (user, -1)} per user, 16 bytes a product, mirrored in a heap map that events read;</li>
 *   <li>the kept products this task's contributions are counted over, sorted, under {@code (-1, -1)}.</li>
 * </ul>
 * User ids are positive, so neither special key is a real pair.
 */
final class GramPending {

    private static final UserProductKey APPLIED = new UserProductKey(-1, -1);
    private static final long USER_ENTRY = -1;
    private static final int PAIR_BYTES = Long.BYTES + Double.BYTES;

    private final KeyValueStore<UserProductKey, byte[]> store;
    private final Map<Long, Map<Long, Double>> byUser = new HashMap<>();
    private int size;

    /** Reads what {@code store} holds (after a restart, a restore or a rebalance). */
    GramPending(final KeyValueStore<UserProductKey, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<UserProductKey, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<UserProductKey, byte[]> entry = it.next();
                if (!entry.key.equals(APPLIED)) {
                    final Map<Long, Double> pairs = decode(entry.value);
                    byUser.put(entry.key.userId(), pairs);
                    size += pairs.size();
                }
            }
        }
    }

    /** Notes that the product's part changes, with its strength sum as last counted ({@code NaN}: none), unless already noted. */
    void note(final long user, final long product, final double before) {
        Map<Long, Double> pairs = byUser.get(user);
        if (pairs == null) {
            pairs = new HashMap<>();
            byUser.put(user, pairs);
        } else if (pairs.containsKey(product)) {
            return;
        }
        pairs.put(product, before);
        size++;
        store.put(entryOf(user), encode(pairs));
    }

    /** The number of (user, product) changes pending. */
    int size() {
        return size;
    }

    /** Per user with pending changes: product -> strength sum as last counted ({@code NaN}: none). */
    Map<Long, Map<Long, Double>> byUser() {
        return byUser;
    }

    /** Forgets every pending change (after a flush has forwarded them). */
    void clear() {
        byUser.keySet().forEach(user -> store.delete(entryOf(user)));
        byUser.clear();
        size = 0;
    }

    /** The kept products the task's contributions are counted over, ascending (empty at first). */
    long[] applied() {
        final byte[] bytes = store.get(APPLIED);
        if (bytes == null) {
            return new long[0];
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final long[] products = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < products.length; i++) {
            products[i] = in.getLong();
        }
        return products;
    }

    void setApplied(final long[] products) {
        final ByteBuffer out = ByteBuffer.allocate(products.length * Long.BYTES);
        for (final long product : products) {
            out.putLong(product);
        }
        store.put(APPLIED, out.array());
    }

    private static UserProductKey entryOf(final long user) {
        return new UserProductKey(user, USER_ENTRY);
    }

    static byte[] encode(final Map<Long, Double> pairs) {
        final ByteBuffer buffer = ByteBuffer.allocate(pairs.size() * PAIR_BYTES);
        pairs.forEach((product, before) -> buffer.putLong(product).putDouble(before));
        return buffer.array();
    }

    static Map<Long, Double> decode(final byte[] bytes) {
        if (bytes.length % PAIR_BYTES != 0) {
            throw new SerializationException("A user's pending Gram changes take " + PAIR_BYTES
                    + " bytes each, got " + bytes.length + " bytes");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final Map<Long, Double> pairs = new HashMap<>();
        while (buffer.hasRemaining()) {
            pairs.put(buffer.getLong(), buffer.getDouble());
        }
        return pairs;
    }
}
