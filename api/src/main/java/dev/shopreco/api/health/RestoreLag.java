package dev.shopreco.api.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Records each local store partition still restoring from its changelog and how far it has to go,
 * from Kafka Streams' restore callbacks (no broker call when health is asked).
 */
public final class RestoreLag implements StateRestoreListener {

    private record Restoring(long end, long position) {
    }

    private final Map<String, Restoring> restoring = new ConcurrentHashMap<>();

    private static String key(final TopicPartition partition, final String store) {
        return store + "-" + partition.partition();
    }

    @Override
    public void onRestoreStart(final TopicPartition partition, final String store, final long startingOffset,
            final long endingOffset) {
        restoring.put(key(partition, store), new Restoring(endingOffset, startingOffset));
    }

    @Override
    public void onBatchRestored(final TopicPartition partition, final String store, final long batchEndOffset,
            final long numRestored) {
        restoring.computeIfPresent(key(partition, store), (k, r) -> new Restoring(r.end(), batchEndOffset + 1));
    }

    @Override
    public void onRestoreEnd(final TopicPartition partition, final String store, final long totalRestored) {
        restoring.remove(key(partition, store));
    }

    @Override
    public void onRestoreSuspended(final TopicPartition partition, final String store, final long totalRestored) {
        restoring.remove(key(partition, store));
    }

    /** The records the furthest-behind restoring store partition still has to read; 0 if none restores. */
    public long maxLag() {
        return restoring.values().stream().mapToLong(r -> Math.max(0, r.end() - r.position())).max().orElse(0);
    }

    /** Forgets everything (a new client). */
    public void clear() {
        restoring.clear();
    }
}
