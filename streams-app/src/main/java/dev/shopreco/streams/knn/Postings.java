package dev.shopreco.streams.knn;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * The published postings: for each kept product, its most recent users (at most
 * {@code USER_KNN_USERS_PER_PRODUCT}), each with the pair's strength sum and last event time. What the
 * topology publishes to {@code reco.user-knn.postings} (every instance reads it as
 * {@code user-knn-postings-all}) or what the batch reference computes from the same interactions
 * ({@code CoOccurrence.postings}); the user-kNN model is fitted on it. Immutable.
 */
public final class Postings {

    private static final Postings EMPTY = new Postings(new TreeMap<>());

    private final SortedMap<Long, SortedMap<Long, Posting>> byProduct;
    private final int size;

    private Postings(final SortedMap<Long, SortedMap<Long, Posting>> byProduct) {
        byProduct.replaceAll((product, users) -> Collections.unmodifiableSortedMap(users));
        this.byProduct = Collections.unmodifiableSortedMap(byProduct);
        this.size = byProduct.values().stream().mapToInt(Map::size).sum();
    }

    /** No postings. */
    public static Postings empty() {
        return EMPTY;
    }

    /** The postings of a scan of {@code user-knn-postings-all}, or of any (product, user) -> posting entries. */
    public static Postings of(final Iterator<KeyValue<PostingKey, Posting>> entries) {
        final TreeMap<Long, SortedMap<Long, Posting>> byProduct = new TreeMap<>();
        while (entries.hasNext()) {
            final KeyValue<PostingKey, Posting> entry = entries.next();
            byProduct.computeIfAbsent(entry.key.product(), p -> new TreeMap<>()).put(entry.key.user(), entry.value);
        }
        return byProduct.isEmpty() ? EMPTY : new Postings(byProduct);
    }

    /** The postings of these lists (copied): product -> user -> posting. */
    public static Postings of(final Map<Long, ? extends Map<Long, Posting>> lists) {
        final TreeMap<Long, SortedMap<Long, Posting>> byProduct = new TreeMap<>();
        lists.forEach((product, users) -> {
            if (!users.isEmpty()) {
                byProduct.put(product, new TreeMap<>(users));
            }
        });
        return byProduct.isEmpty() ? EMPTY : new Postings(byProduct);
    }

    /** Product -> its published users (ascending id) -> their posting; products ascending. */
    public SortedMap<Long, SortedMap<Long, Posting>> byProduct() {
        return byProduct;
    }

    /** The number of postings. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return byProduct.isEmpty();
    }

    @Override
    public String toString() {
        return "Postings[" + byProduct.size() + " products, " + size + " postings]";
    }
}
