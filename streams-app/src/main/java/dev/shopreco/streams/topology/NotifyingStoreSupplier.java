package dev.shopreco.streams.topology;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedBytesStore;

/**
 * The default persistent (timestamped) store of a table, which calls {@code onWrite} after every
 * write has reached it. Used for the global tables the API serves from, with the record cache off,
 * so that a write is readable by interactive queries when {@code onWrite} runs: the server can then
 * keep what it derived from the store until the next write (see
 * {@link dev.shopreco.streams.state.StateVersions}). Restoration writes below this layer and does
 * not call {@code onWrite}; a server's caches are empty then.
 */
final class NotifyingStoreSupplier implements KeyValueBytesStoreSupplier {

    private final KeyValueBytesStoreSupplier inner;
    private final Runnable onWrite;

    NotifyingStoreSupplier(final String name, final Runnable onWrite) {
        this.inner = Stores.persistentTimestampedKeyValueStore(name);
        this.onWrite = onWrite;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new Notifying(inner.get(), onWrite);
    }

    @Override
    public String metricsScope() {
        return inner.metricsScope();
    }

    /** Delegates everything; timestamped like the store it wraps, so no format adapter is added. */
    private static final class Notifying implements KeyValueStore<Bytes, byte[]>, TimestampedBytesStore {

        private final KeyValueStore<Bytes, byte[]> store;
        private final Runnable onWrite;

        Notifying(final KeyValueStore<Bytes, byte[]> store, final Runnable onWrite) {
            this.store = store;
            this.onWrite = onWrite;
        }

        @Override
        public void put(final Bytes key, final byte[] value) {
            store.put(key, value);
            onWrite.run();
        }

        @Override
        public byte[] putIfAbsent(final Bytes key, final byte[] value) {
            final byte[] previous = store.putIfAbsent(key, value);
            onWrite.run();
            return previous;
        }

        @Override
        public void putAll(final List<KeyValue<Bytes, byte[]>> entries) {
            store.putAll(entries);
            onWrite.run();
        }

        @Override
        public byte[] delete(final Bytes key) {
            final byte[] previous = store.delete(key);
            onWrite.run();
            return previous;
        }

        @Override
        public byte[] get(final Bytes key) {
            return store.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(final Bytes from, final Bytes to) {
            return store.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(final Bytes from, final Bytes to) {
            return store.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return store.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return store.reverseAll();
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(final P prefix,
                final PS prefixKeySerializer) {
            return store.prefixScan(prefix, prefixKeySerializer);
        }

        @Override
        public long approximateNumEntries() {
            return store.approximateNumEntries();
        }

        @Override
        public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(final IsolationLevel isolationLevel) {
            return store.readOnly(isolationLevel);
        }

        @Override
        public String name() {
            return store.name();
        }

        @Override
        public void init(final StateStoreContext context, final StateStore root) {
            store.init(context, root);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void flush() {
            store.flush();
        }

        @Override
        public void commit(final Map<TopicPartition, Long> changelogOffsets) {
            store.commit(changelogOffsets);
        }

        @Override
        public Long committedOffset(final TopicPartition partition) {
            return store.committedOffset(partition);
        }

        @Override
        public boolean managesOffsets() {
            return store.managesOffsets();
        }

        @Override
        public long approximateNumUncommittedBytes() {
            return store.approximateNumUncommittedBytes();
        }

        @Override
        public void close() {
            store.close();
        }

        @Override
        public boolean persistent() {
            return store.persistent();
        }

        @Override
        public boolean isOpen() {
            return store.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(final Query<R> query, final PositionBound positionBound,
                final QueryConfig config) {
            return store.query(query, positionBound, config);
        }

        @Override
        public Position getPosition() {
            return store.getPosition();
        }
    }
}
