package dev.shopreco.api.streams;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A store whose {@code get} answers from the value read less than {@code maxAge} ago. For the
 * single-key popularity top list, which every request reads and which is stored as JSON: parsing
 * it per request was the second cost in the load benchmark's profile. The list may lag by
 * {@code maxAge} (100 ms by default, against a one-second freshness target); a user's own
 * interactions are never cached.
 */
final class RecentValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {

    private final ReadOnlyKeyValueStore<K, V> store;
    private final long maxAgeNanos;
    private final ConcurrentMap<K, Read<V>> recent = new ConcurrentHashMap<>();

    private record Read<V>(V value, long readAtNanos) {
    }

    RecentValueStore(final ReadOnlyKeyValueStore<K, V> store, final Duration maxAge) {
        this.store = store;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public V get(final K key) {
        final long now = System.nanoTime();
        final Read<V> read = recent.get(key);
        if (read != null && now - read.readAtNanos() < maxAgeNanos) {
            return read.value();
        }
        final V value = store.get(key);
        if (value != null) {
            recent.put(key, new Read<>(value, now));
        }
        return value;
    }

    @Override
    public KeyValueIterator<K, V> range(final K from, final K to) {
        return store.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return store.all();
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }
}
