package dev.shopreco.streams.knn;

import java.util.Arrays;
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
 *
 * <p>Held as flat arrays in (product, user) order, 24 bytes a posting: an API instance keeps the
 * postings of every kept product, N x M of them at most.
 */
public final class Postings {

    /** Receives postings in (product, user) order. */
    @FunctionalInterface
    public interface Visitor {
        void accept(long product, long user, double strengthSum, long lastEventTime);
    }

    private static final Postings EMPTY = new Postings(new long[0], new int[] {0}, new long[0], new double[0],
            new long[0]);

    /** The products with postings, ascending. */
    private final long[] products;
    /** Product i's postings are at [starts[i], starts[i + 1]). */
    private final int[] starts;
    private final long[] users;
    private final double[] strengthSums;
    private final long[] lastEventTimes;

    private Postings(final long[] products, final int[] starts, final long[] users, final double[] strengthSums,
            final long[] lastEventTimes) {
        this.products = products;
        this.starts = starts;
        this.users = users;
        this.strengthSums = strengthSums;
        this.lastEventTimes = lastEventTimes;
    }

    /** No postings. */
    public static Postings empty() {
        return EMPTY;
    }

    /**
     * The postings of a scan of {@code user-knn-postings-all}, or of any (product, user) -> posting
     * entries, in any order; a (product, user) given twice keeps its last posting.
     */
    public static Postings of(final Iterator<KeyValue<PostingKey, Posting>> entries) {
        final Builder builder = new Builder();
        while (entries.hasNext()) {
            final KeyValue<PostingKey, Posting> entry = entries.next();
            builder.add(entry.key.product(), entry.key.user(), entry.value);
        }
        return builder.build();
    }

    /** The postings of these lists: product -> user -> posting. */
    public static Postings of(final Map<Long, ? extends Map<Long, Posting>> lists) {
        final Builder builder = new Builder();
        lists.forEach((product, users) -> users.forEach((user, posting) -> builder.add(product, user, posting)));
        return builder.build();
    }

    /** Calls {@code visitor} with every posting, products ascending, each product's users ascending. */
    public void forEach(final Visitor visitor) {
        for (int p = 0; p < products.length; p++) {
            for (int i = starts[p]; i < starts[p + 1]; i++) {
                visitor.accept(products[p], users[i], strengthSums[i], lastEventTimes[i]);
            }
        }
    }

    /** The number of products with postings. */
    public int products() {
        return products.length;
    }

    /** The product at this index (products ascending). */
    public long product(final int index) {
        return products[index];
    }

    /** The number of postings of the product at this index. */
    public int usersOf(final int index) {
        return starts[index + 1] - starts[index];
    }

    /**
     * A copy as maps: product -> its published users (ascending id) -> their posting; products
     * ascending. About 100 bytes a posting: for comparisons and small sets, not for serving.
     */
    public SortedMap<Long, SortedMap<Long, Posting>> byProduct() {
        final TreeMap<Long, SortedMap<Long, Posting>> out = new TreeMap<>();
        forEach((product, user, sum, time) ->
                out.computeIfAbsent(product, p -> new TreeMap<>()).put(user, new Posting(sum, time)));
        return out;
    }

    /** Product i's postings are at [starts()[i], starts()[i + 1]) of the per-posting arrays. Not a copy: read only. */
    int[] starts() {
        return starts;
    }

    /** Each posting's user. Not a copy: read only. */
    long[] users() {
        return users;
    }

    /** Each posting's strength sum. Not a copy: read only. */
    double[] strengthSums() {
        return strengthSums;
    }

    /** Each posting's last event time. Not a copy: read only. */
    long[] lastEventTimes() {
        return lastEventTimes;
    }

    /** The number of postings. */
    public int size() {
        return users.length;
    }

    public boolean isEmpty() {
        return users.length == 0;
    }

    @Override
    public String toString() {
        return "Postings[" + products.length + " products, " + users.length + " postings]";
    }

    /** Collects postings in any order and sorts them once. */
    private static final class Builder {
        private long[] keyProducts = new long[1024];
        private long[] keyUsers = new long[1024];
        private double[] sums = new double[1024];
        private long[] times = new long[1024];
        private int size;
        private boolean ordered = true;

        void add(final long product, final long user, final Posting posting) {
            if (size == keyUsers.length) {
                final int grown = size * 2;
                keyProducts = Arrays.copyOf(keyProducts, grown);
                keyUsers = Arrays.copyOf(keyUsers, grown);
                sums = Arrays.copyOf(sums, grown);
                times = Arrays.copyOf(times, grown);
            }
            if (size > 0 && compare(size - 1, product, user) >= 0) {
                ordered = false;
            }
            keyProducts[size] = product;
            keyUsers[size] = user;
            sums[size] = posting.strengthSum();
            times[size] = posting.lastEventTime();
            size++;
        }

        private int compare(final int i, final long product, final long user) {
            final int byProduct = Long.compare(keyProducts[i], product);
            return byProduct != 0 ? byProduct : Long.compare(keyUsers[i], user);
        }

        Postings build() {
            if (size == 0) {
                return EMPTY;
            }
            // a scan of the store comes ordered; anything else is sorted by (product, user), stable,
            // so the last of equal keys is the one kept
            final Integer[] order = ordered ? null : sortedOrder();
            final long[] outUsers = new long[size];
            final double[] outSums = new double[size];
            final long[] outTimes = new long[size];
            final long[] productsFound = new long[size];
            final int[] startsFound = new int[size + 1];
            int n = 0;
            int distinct = 0;
            for (int j = 0; j < size; j++) {
                final int i = order == null ? j : order[j];
                final long product = keyProducts[i];
                final long user = keyUsers[i];
                if (n > 0 && productsFound[distinct - 1] == product && outUsers[n - 1] == user) {
                    n--; // the same pair again: the later posting wins
                } else if (distinct == 0 || productsFound[distinct - 1] != product) {
                    productsFound[distinct] = product;
                    startsFound[distinct++] = n;
                }
                outUsers[n] = user;
                outSums[n] = sums[i];
                outTimes[n] = times[i];
                n++;
            }
            startsFound[distinct] = n;
            return new Postings(Arrays.copyOf(productsFound, distinct), Arrays.copyOf(startsFound, distinct + 1),
                    Arrays.copyOf(outUsers, n), Arrays.copyOf(outSums, n), Arrays.copyOf(outTimes, n));
        }

        private Integer[] sortedOrder() {
            final Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                final int byProduct = Long.compare(keyProducts[a], keyProducts[b]);
                return byProduct != 0 ? byProduct : Long.compare(keyUsers[a], keyUsers[b]);
            });
            return order;
        }
    }
}
