package dev.shopreco.streams.collaborative;

import dev.shopreco.streams.knn.Posting;
import dev.shopreco.streams.knn.Postings;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules of {@link GramSettings} computed on whole histories at once: which products of a user
 * count (the window), which products have cells (the kept set), and the rows that result. The
 * topology maintains the same incrementally; this is its batch reference and what the evaluator fits
 * the served ITEM_EASE on.
 */
public final class CoOccurrence {

    /** Most recent first: greater last event time, then greater product id. */
    public static final Comparator<UserInteraction> NEWEST_FIRST = Comparator
            .comparingLong(UserInteraction::lastEventTime).thenComparingLong(UserInteraction::productId).reversed();

    private CoOccurrence() {
    }

    /** Whether (time, product) is newer than (otherTime, otherProduct) under {@link #NEWEST_FIRST}. */
    public static boolean newer(final long time, final long product, final long otherTime, final long otherProduct) {
        return time != otherTime ? time > otherTime : product > otherProduct;
    }

    /** The user's window: the {@code size} products of {@code history} touched last (any order). */
    public static List<UserInteraction> window(final List<UserInteraction> history, final int size) {
        if (history.size() <= size) {
            return history;
        }
        final List<UserInteraction> sorted = new ArrayList<>(history);
        sorted.sort(NEWEST_FIRST);
        return sorted.subList(0, size);
    }

    /** The kept set: the {@code size} products touched by the most users, ties by ascending id. */
    public static Set<Long> kept(final Collection<List<UserInteraction>> histories, final int size) {
        final Map<Long, Long> users = new HashMap<>();
        histories.forEach(history -> history.forEach(p -> users.merge(p.productId(), 1L, Long::sum)));
        final List<Map.Entry<Long, Long>> ranked = new ArrayList<>(users.entrySet());
        ranked.sort(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        final Set<Long> kept = new HashSet<>();
        for (int i = 0; i < Math.min(size, ranked.size()); i++) {
            kept.add(ranked.get(i).getKey());
        }
        return kept;
    }

    /** Whether {@code a} ranks before {@code b} in the kept set: more users, then the smaller id. */
    public static boolean ranksBefore(final long usersA, final long productA, final long usersB, final long productB) {
        return usersA != usersB ? usersA > usersB : productA < productB;
    }

    /** The rows the topology keeps for these histories (summed in the given order). */
    public static TreeMap<Long, GramRow> rows(final Collection<List<UserInteraction>> histories,
            final GramSettings settings) {
        final Set<Long> kept = kept(histories, settings.keptProducts());
        final GramBuilder builder = new GramBuilder();
        for (final List<UserInteraction> history : histories) {
            final List<UserInteraction> counted = new ArrayList<>();
            for (final UserInteraction product : window(history, settings.userWindow())) {
                if (kept.contains(product.productId())) {
                    counted.add(product);
                }
            }
            builder.addUser(counted);
        }
        return builder.rows();
    }

    /**
     * The postings the topology publishes for these histories (user -> products): per kept product,
     * its {@link GramSettings#usersPerProduct()} most recent users (under {@link #newer}) among those
     * whose window holds it.
     */
    public static Postings postings(final Map<Long, List<UserInteraction>> histories, final GramSettings settings) {
        final Set<Long> kept = kept(histories.values(), settings.keptProducts());
        final Map<Long, List<long[]>> recent = new TreeMap<>();
        final Map<Long, Map<Long, Posting>> lists = new TreeMap<>();
        histories.forEach((user, history) -> {
            for (final UserInteraction product : window(history, settings.userWindow())) {
                if (kept.contains(product.productId())) {
                    recent.computeIfAbsent(product.productId(), p -> new ArrayList<>())
                            .add(new long[] {product.lastEventTime(), user});
                    lists.computeIfAbsent(product.productId(), p -> new HashMap<>())
                            .put(user, new Posting(product.strengthSum(), product.lastEventTime()));
                }
            }
        });
        recent.forEach((product, users) -> {
            users.sort((a, b) -> newer(a[0], a[1], b[0], b[1]) ? -1 : newer(b[0], b[1], a[0], a[1]) ? 1 : 0);
            final Map<Long, Posting> all = lists.get(product);
            final Map<Long, Posting> published = new HashMap<>();
            for (int i = 0; i < Math.min(settings.usersPerProduct(), users.size()); i++) {
                published.put(users.get(i)[1], all.get(users.get(i)[1]));
            }
            lists.put(product, published);
        });
        return Postings.of(lists);
    }
}
