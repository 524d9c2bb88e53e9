package dev.shopreco.streams.clean;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The open sessions of a task by their last event time, in memory, so that the sweep finds the idle
 * ones without scanning {@code session-state}: a RocksDB scan from the first key walks over the
 * tombstones of every session ever deleted, which made the sweep the topology's bottleneck.
 *
 * <p>It mirrors the store: rebuilt from it when the processor starts (after a restore or a crash the
 * store holds the committed state, so the index does too), then updated with every put and delete.
 * Its size follows the open sessions, not the events.
 */
final class ExpiryIndex {

    private record Entry(long lastEventTime, long sessionId) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::lastEventTime)
            .thenComparingLong(Entry::sessionId);

    private final TreeSet<Entry> byTime = new TreeSet<>(ORDER);
    private final Map<Long, Long> lastBySession = new HashMap<>();

    /** Records the session's (new) last event time. */
    void put(final long sessionId, final long lastEventTime) {
        final Long previous = lastBySession.put(sessionId, lastEventTime);
        if (previous != null) {
            if (previous == lastEventTime) {
                return;
            }
            byTime.remove(new Entry(previous, sessionId));
        }
        byTime.add(new Entry(lastEventTime, sessionId));
    }

    void remove(final long sessionId) {
        final Long previous = lastBySession.remove(sessionId);
        if (previous != null) {
            byTime.remove(new Entry(previous, sessionId));
        }
    }

    /** Sessions whose last event is more than {@code gapMillis} before {@code watermark}, oldest first. */
    List<Long> idleAt(final long watermark, final long gapMillis) {
        final List<Long> idle = new ArrayList<>();
        for (final Entry entry : byTime) {
            if (watermark - entry.lastEventTime() <= gapMillis) {
                break;
            }
            idle.add(entry.sessionId());
        }
        return idle;
    }

    int size() {
        return lastBySession.size();
    }
}
