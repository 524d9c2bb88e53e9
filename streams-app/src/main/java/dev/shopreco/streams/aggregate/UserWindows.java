package dev.shopreco.streams.aggregate;

import dev.shopreco.streams.state.UserProductKey;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The users' co-occurrence windows in {@code user-windows}: one entry per (user, product) in a window,
 * holding the product's last event time as recorded when it entered (or when it was last corrected).
 * A change writes the entries it changes (about 30 bytes each on the changelog), not the whole window:
 * a product entering a full window is one put and one delete, whatever the window's size.
 *
 * <p>The store's keys are {@link UserProductKey}s, whose bytes start with the user id (8 bytes, big
 * endian), so one user's entries are one prefix range and a scan of the store meets each user's
 * entries one after the other.
 */
final class UserWindows {

    private static final Serializer<Long> USER_PREFIX = new LongSerializer();

    private final KeyValueStore<UserProductKey, Long> store;

    UserWindows(final KeyValueStore<UserProductKey, Long> store) {
        this.store = store;
    }

    /** The user's window (empty if none): one prefix scan of at most the window's size. */
    UserWindow read(final long user) {
        final UserWindow window = UserWindow.empty();
        try (KeyValueIterator<UserProductKey, Long> it = store.prefixScan(user, USER_PREFIX)) {
            while (it.hasNext()) {
                final KeyValue<UserProductKey, Long> entry = it.next();
                window.add(entry.key.productId(), entry.value);
            }
        }
        return window;
    }

    /** Records the product in the user's window with {@code time} (an entry, or a corrected time). */
    void put(final long user, final long product, final long time) {
        store.put(new UserProductKey(user, product), time);
    }

    /** Takes the product out of the user's window. */
    void remove(final long user, final long product) {
        store.delete(new UserProductKey(user, product));
    }

    /** Every user's window, one user after another (one scan of the store). */
    void forEach(final BiConsumer<Long, UserWindow> action) {
        try (KeyValueIterator<UserProductKey, Long> it = store.all()) {
            long user = 0;
            UserWindow window = null;
            while (it.hasNext()) {
                final KeyValue<UserProductKey, Long> entry = it.next();
                if (window != null && entry.key.userId() != user) {
                    action.accept(user, window);
                    window = null;
                }
                if (window == null) {
                    user = entry.key.userId();
                    window = UserWindow.empty();
                }
                window.add(entry.key.productId(), entry.value);
            }
            if (window != null) {
                action.accept(user, window);
            }
        }
    }
}
