package dev.shopreco.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Puts every RocksDB store of the process under one memory bound (block cache and memtables share a
 * single LRU cache), as the Kafka Streams memory-management guide recommends. Without it each store
 * instance takes its own 50 MB cache and 3 x 16 MB memtables, so memory grows with the number of
 * stores and partitions instead of with the state.
 *
 * <p>The bound comes from {@link #MEMORY_BYTES_CONFIG} in the streams config; the cache is shared by
 * all instances of this class in the JVM (the first configuration wins).
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Total bytes for block cache plus memtables, all stores together. */
    public static final String MEMORY_BYTES_CONFIG = "shop.rocksdb.memory.bytes";
    private static final long DEFAULT_MEMORY_BYTES = 256L << 20;
    /** Share of the memory the memtables may hold before they are flushed. */
    private static final double MEMTABLE_SHARE = 0.5;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void initialise(final long memoryBytes) {
        if (cache == null) {
            cache = new LRUCache(memoryBytes, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager((long) (memoryBytes * MEMTABLE_SHARE), cache);
        }
    }

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        final Object configured = configs.get(MEMORY_BYTES_CONFIG);
        initialise(configured == null ? DEFAULT_MEMORY_BYTES : Long.parseLong(configured.toString()));
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // the cache and the write buffer manager are shared by every store: never closed here
    }
}
