package dev.shopreco.streams.state;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Change counters of the serving state, bumped by the topology of the same process, so that a
 * server can keep answers (and decoded store values) until the state they were computed from
 * changes, instead of re-reading the stores on every request.
 *
 * <ul>
 * <li>{@link #user(long)}: bumped after each write to a user's {@code user-interactions} entries.
 *     Users share 2^16 counters (by a hash of the id): two users on one counter only cost a few
 *     needless recomputations, never a stale answer.</li>
 * <li>{@link #popularity()}: bumped after each write to the global {@code popularity-all} or
 *     {@code popularity-top} store (a popularity change reorders everyone's fallback and CB's ties).</li>
 * <li>{@link #catalog()}: bumped after each write to the global {@code catalog} store.</li>
 * <li>{@link #itemGram()}: bumped after each write to the global {@code item-gram-all} store.</li>
 * <li>{@link #postings()}: bumped after each write to the global {@code user-knn-postings-all} store.</li>
 * <li>{@link #everything()}: bumped by the host when partitions may have moved (a rebalance): a
 *     store regained from another instance was written without this process seeing it.</li>
 * </ul>
 *
 * <p>The protocol that makes a kept answer safe: a writer bumps <em>after</em> the new value is
 * readable; a reader reads the counters <em>before</em> it reads the stores, and keeps what it
 * computed only as long as the counters it read are still current. If a write raced with the
 * read, the counter has moved on and the answer is recomputed.
 */
public final class StateVersions {

    private static final int USER_SLOTS = 1 << 16;

    private final AtomicLongArray users = new AtomicLongArray(USER_SLOTS);
    private final AtomicLong popularity = new AtomicLong();
    private final AtomicLong catalog = new AtomicLong();
    private final AtomicLong itemGram = new AtomicLong();
    private final AtomicLong postings = new AtomicLong();
    private final AtomicLong everything = new AtomicLong();

    /** The user's entries in {@code user-interactions} were written. */
    public void userChanged(final long userId) {
        users.incrementAndGet(slot(userId));
    }

    /** A popularity value or the top list was written. */
    public void popularityChanged() {
        popularity.incrementAndGet();
    }

    /** A catalog entry was written. */
    public void catalogChanged() {
        catalog.incrementAndGet();
    }

    /** A row of the item Gram matrices was written. */
    public void itemGramChanged() {
        itemGram.incrementAndGet();
    }

    /** A user-kNN posting was written. */
    public void postingsChanged() {
        postings.incrementAndGet();
    }

    /** Anything may have changed without a write this process saw (partitions moved). */
    public void everythingChanged() {
        everything.incrementAndGet();
    }

    /** The counter of the user's interactions (shared with the users of the same slot). */
    public long user(final long userId) {
        return users.get(slot(userId));
    }

    /** The counter of popularity values and the top list. */
    public long popularity() {
        return popularity.get();
    }

    /** The counter of the catalog. */
    public long catalog() {
        return catalog.get();
    }

    /** The counter of the item Gram rows. */
    public long itemGram() {
        return itemGram.get();
    }

    /** The counter of the user-kNN postings. */
    public long postings() {
        return postings.get();
    }

    /** The counter of events that invalidate everything. */
    public long everything() {
        return everything.get();
    }

    private static int slot(final long userId) {
        // SplitMix64's finaliser: consecutive ids spread over the slots
        long z = userId * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31)) & (USER_SLOTS - 1);
    }
}
