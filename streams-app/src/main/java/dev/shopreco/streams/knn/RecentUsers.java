package dev.shopreco.streams.knn;

import dev.shopreco.common.Names;
import dev.shopreco.streams.collaborative.CoOccurrence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every posting of the products of this task (partitioned by product) and publishes, per
 * product, its {@code size} most recent users: greatest last event time, ties by greater user id
 * ({@link CoOccurrence#newer}). Input: a product's {@link PostingChanges}; output, keyed by
 * {@link PostingKey}: a published posting's new value, or a tombstone when it stops being published
 * (the user left the product's postings, or {@code size} more recent users came).
 *
 * <p>Stores: {@code user-knn-postings} ((product, user) -> sum, time, published), {@code
 * user-knn-recency} (the same postings ordered by (product, published, time, user), so the oldest
 * published and the newest unpublished posting are the first entry of a range) and {@code
 * user-knn-published} (product -> number published). After every change the published ones are the
 * {@code size} most recent of the product's postings: a new or more recent posting displaces the
 * oldest published one if it is newer; a published one that goes is replaced by the newest
 * unpublished one. A pair's last event time never decreases, so a posting only moves forward. Work
 * per change: a few reads and writes and one range step, whatever the number of users.
 */
public final class RecentUsers implements Processor<Long, PostingChanges, PostingKey, Posting> {

    private static final byte[] NOTHING = new byte[0];

    private final int size;
    private ProcessorContext<PostingKey, Posting> context;
    private KeyValueStore<PostingKey, StoredPosting> postings;
    private KeyValueStore<RecencyKey, byte[]> recency;
    private KeyValueStore<Long, Integer> published;

    /** Publishes up to {@code size} (>= 1) users per product. */
    public RecentUsers(final int size) {
        if (size < 1) {
            throw new IllegalArgumentException("USER_KNN_USERS_PER_PRODUCT must be at least 1, got " + size);
        }
        this.size = size;
    }

    @Override
    public void init(final ProcessorContext<PostingKey, Posting> processorContext) {
        this.context = processorContext;
        this.postings = processorContext.getStateStore(Names.STORE_USER_KNN_POSTINGS);
        this.recency = processorContext.getStateStore(Names.STORE_USER_KNN_RECENCY);
        this.published = processorContext.getStateStore(Names.STORE_USER_KNN_PUBLISHED);
    }

    @Override
    public void process(final Record<Long, PostingChanges> record) {
        final long product = record.key();
        final PostingChanges changes = record.value();
        if (changes == null) {
            return;
        }
        final Batch batch = new Batch(product, count(product));
        for (int i = 0; i < changes.size(); i++) {
            final long user = changes.user(i);
            final StoredPosting old = postings.get(new PostingKey(product, user));
            if (old != null) {
                batch.remove(user, old);
            }
            if (!changes.removed(i)) {
                batch.insert(user, changes.posting(i));
            }
            batch.rebalance();
        }
        if (batch.count == 0) {
            published.delete(product);
        } else {
            published.put(product, batch.count);
        }
        batch.outcome.forEach((user, outcome) -> {
            if (outcome.differs()) {
                context.forward(record.withKey(new PostingKey(product, user)).withValue(outcome.now));
            }
        });
    }

    private int count(final long product) {
        final Integer count = published.get(product);
        return count == null ? 0 : count;
    }

    /** A user's published posting before this record and now (null: not published). */
    private static final class Outcome {
        private final Posting before;
        private Posting now;

        Outcome(final Posting before) {
            this.before = before;
            this.now = before;
        }

        boolean differs() {
            return before == null ? now != null : !before.equals(now);
        }
    }

    /** The changes of one product in one record. */
    private final class Batch {
        private final long product;
        private int count;
        private final Map<Long, Outcome> outcome = new LinkedHashMap<>();

        Batch(final long product, final int count) {
            this.product = product;
            this.count = count;
        }

        private void publication(final long user, final Posting before, final Posting now) {
            outcome.computeIfAbsent(user, u -> new Outcome(before)).now = now;
        }

        /** Takes the user's posting out (the published count drops if it was published). */
        void remove(final long user, final StoredPosting old) {
            postings.delete(new PostingKey(product, user));
            recency.delete(new RecencyKey(product, old.published(), old.lastEventTime(), user));
            if (old.published()) {
                count--;
                publication(user, old.posting(), null);
            }
        }

        /**
         * Puts the user's posting in, published if it is newer than the oldest published one or there is
         * room. Room with unpublished postings left only follows the removal of the same user's older
         * published posting, which was newer than every unpublished one, as the new one is.
         */
        void insert(final long user, final Posting posting) {
            if (count >= size) {
                final RecencyKey oldest = firstOf(true, false);
                if (oldest == null || !CoOccurrence.newer(posting.lastEventTime(), user, oldest.time(), oldest.user())) {
                    put(user, posting, false);
                    return;
                }
                move(oldest, false);
            }
            put(user, posting, true);
        }

        /**
         * Restores "the published ones are the {@code size} most recent": after a removal, the newest
         * unpublished posting moves up; with a smaller {@code size} than the stored state was built
         * with, the oldest published ones move down.
         */
        void rebalance() {
            while (count > size) {
                move(firstOf(true, false), false);
            }
            while (count < size) {
                final RecencyKey newest = firstOf(false, true);
                if (newest == null) {
                    return;
                }
                move(newest, true);
            }
        }

        private void put(final long user, final Posting posting, final boolean publish) {
            postings.put(new PostingKey(product, user),
                    new StoredPosting(posting.strengthSum(), posting.lastEventTime(), publish));
            recency.put(new RecencyKey(product, publish, posting.lastEventTime(), user), NOTHING);
            if (publish) {
                count++;
                publication(user, null, posting);
            }
        }

        /** Moves a posting between published and unpublished. */
        private void move(final RecencyKey key, final boolean publish) {
            final PostingKey at = new PostingKey(product, key.user());
            final StoredPosting stored = postings.get(at);
            recency.delete(key);
            recency.put(new RecencyKey(product, publish, key.time(), key.user()), NOTHING);
            postings.put(at, new StoredPosting(stored.strengthSum(), stored.lastEventTime(), publish));
            count += publish ? 1 : -1;
            publication(key.user(), publish ? null : stored.posting(), publish ? stored.posting() : null);
        }

        /** The oldest ({@code newest} false) or newest posting of the published or unpublished ones, or null. */
        private RecencyKey firstOf(final boolean publishedOnes, final boolean newest) {
            final RecencyKey from = RecencyKey.first(product, publishedOnes);
            final RecencyKey to = RecencyKey.last(product, publishedOnes);
            try (KeyValueIterator<RecencyKey, byte[]> it = newest ? recency.reverseRange(from, to)
                    : recency.range(from, to)) {
                return it.hasNext() ? it.next().key : null;
            }
        }
    }
}
