package dev.shopreco.streams.aggregate;

import dev.shopreco.streams.state.UserProductKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The (user, product) pairs changed since the last item-Gram flush, each with its strength sum before
 * its first change in that period ({@code NaN}: a new pair), held twice: in a map per user that the
 * aggregator reads on every event, and in {@code item-gram-pending} (logged) so that a commit keeps
 * them with the input offsets.
 *
 * <p>The store has one entry per user, {@code (user, -1)}, whose value lists the user's pending pairs
 * (16 bytes each: product, sum before). An event writes it only when it adds a pair, and the record
 * cache folds a session's writes into one changelog record per commit; a flush deletes one entry per
 * user. (One entry per pair, as the first version kept, cost a cache write per event and a delete per
 * pair at every flush: 12 % of the stream thread in the 5.4-million-event benchmark.) Entries of that
 * first version, {@code (user, product)} with an 8-byte value, are read and rewritten at start-up.
 *
 * <p>{@link #COMPLETE} marks a task whose users are all in the Gram rows (see
 * {@link UserInteractionAggregator}); user ids are positive, so neither special key is a real pair.
 */
final class GramPending {

    /** The marker: this task's users are in the Gram rows. */
    static final UserProductKey COMPLETE = new UserProductKey(-1, -1);
    private static final long USER_ENTRY = -1;
    private static final int PAIR_BYTES = Long.BYTES + Double.BYTES;

    private final KeyValueStore<UserProductKey, byte[]> store;
    private final Map<Long, Map<Long, Double>> byUser = new HashMap<>();

    /** Reads what {@code store} holds (after a restart, a restore or a rebalance). */
    GramPending(final KeyValueStore<UserProductKey, byte[]> store) {
        this.store = store;
        final List<UserProductKey> firstVersion = new ArrayList<>();
        try (KeyValueIterator<UserProductKey, byte[]> it = store.all()) {
            while (it.hasNext()) {
                final KeyValue<UserProductKey, byte[]> entry = it.next();
                if (entry.key.equals(COMPLETE)) {
                    continue;
                }
                if (entry.key.productId() == USER_ENTRY) {
                    byUser.computeIfAbsent(entry.key.userId(), u -> new HashMap<>()).putAll(decode(entry.value));
                } else {
                    firstVersion.add(entry.key);
                    byUser.computeIfAbsent(entry.key.userId(), u -> new HashMap<>())
                            .putIfAbsent(entry.key.productId(), ByteBuffer.wrap(entry.value).getDouble());
                }
            }
        }
        if (!firstVersion.isEmpty()) {
            firstVersion.forEach(store::delete);
            firstVersion.stream().map(UserProductKey::userId).distinct().forEach(this::write);
        }
    }

    /** Notes that the pair changes, with its strength sum {@code before} ({@code NaN}: new), unless already noted. */
    void note(final long user, final long product, final double before) {
        Map<Long, Double> pairs = byUser.get(user);
        if (pairs == null) {
            pairs = new HashMap<>();
            byUser.put(user, pairs);
        } else if (pairs.containsKey(product)) {
            return;
        }
        pairs.put(product, before);
        write(user);
    }

    /**
     * Marks {@code pairs} new to the Gram rows, whatever was noted for them: the flush then adds their
     * users' whole contributions. One store write per user.
     */
    void markNew(final List<UserProductKey> pairs) {
        for (final UserProductKey pair : pairs) {
            byUser.computeIfAbsent(pair.userId(), u -> new HashMap<>()).put(pair.productId(), Double.NaN);
        }
        pairs.stream().map(UserProductKey::userId).distinct().forEach(this::write);
    }

    /** Per user with pending pairs: product -> strength sum before the period ({@code NaN}: new). */
    Map<Long, Map<Long, Double>> byUser() {
        return byUser;
    }

    /** Forgets every pending pair (after a flush has forwarded them). */
    void clear() {
        byUser.keySet().forEach(user -> store.delete(entryOf(user)));
        byUser.clear();
    }

    /** Writes the user's pending pairs, as the heap map holds them, to the store. */
    private void write(final long user) {
        store.put(entryOf(user), encode(byUser.get(user)));
    }

    private static UserProductKey entryOf(final long user) {
        return new UserProductKey(user, USER_ENTRY);
    }

    boolean complete() {
        return store.get(COMPLETE) != null;
    }

    void markComplete() {
        store.put(COMPLETE, ByteBuffer.allocate(Double.BYTES).putDouble(1.0).array());
    }

    static byte[] encode(final Map<Long, Double> pairs) {
        final ByteBuffer buffer = ByteBuffer.allocate(pairs.size() * PAIR_BYTES);
        pairs.forEach((product, before) -> buffer.putLong(product).putDouble(before));
        return buffer.array();
    }

    static Map<Long, Double> decode(final byte[] bytes) {
        if (bytes.length % PAIR_BYTES != 0) {
            throw new SerializationException("A user's pending Gram pairs take " + PAIR_BYTES
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
