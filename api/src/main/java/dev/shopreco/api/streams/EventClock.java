package dev.shopreco.api.streams;

import dev.shopreco.common.Names;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The shop's clock as this instance sees it: the newest event time its topology has read (the
 * cleaning step's {@code session-watermark}, one entry per local task; the largest wins). A served
 * list is stamped with it when the client does not say what time it is, so that the A/B
 * attribution measures its window in the same time as the events, live and in a replay alike.
 * Re-read at most every 50 ms.
 */
@Singleton
public class EventClock {

    private static final long MAX_AGE_NANOS = 50_000_000L;

    private final KafkaStreamsHost host;
    private volatile ReadOnlyKeyValueStore<String, Long> store;
    private volatile Long cached;
    private volatile long readAt;

    public EventClock(final KafkaStreamsHost host) {
        this.host = host;
    }

    /** Epoch ms of the newest event seen, or null while none has been (or the store is not queryable). */
    public Long now() {
        final long nanos = System.nanoTime();
        if (cached != null && nanos - readAt < MAX_AGE_NANOS) {
            return cached;
        }
        final Long value = read();
        if (value != null) {
            cached = value;
            readAt = nanos;
        }
        return value != null ? value : cached;
    }

    private Long read() {
        try {
            ReadOnlyKeyValueStore<String, Long> watermarks = store;
            if (watermarks == null) {
                final KafkaStreams streams = host.streams();
                if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
                    return null;
                }
                watermarks = streams.store(StoreQueryParameters.fromNameAndType(
                        Names.STORE_SESSION_WATERMARK, QueryableStoreTypes.<String, Long>keyValueStore()));
                store = watermarks;
            }
            Long newest = null;
            try (KeyValueIterator<String, Long> all = watermarks.all()) {
                while (all.hasNext()) {
                    final KeyValue<String, Long> entry = all.next();
                    if (entry.value != null && (newest == null || entry.value > newest)) {
                        newest = entry.value;
                    }
                }
            }
            return newest;
        } catch (final InvalidStateStoreException e) {
            return null;
        }
    }
}
