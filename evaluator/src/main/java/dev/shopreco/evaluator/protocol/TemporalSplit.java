package dev.shopreco.evaluator.protocol;

import dev.shopreco.common.model.Interaction;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A global time cut: events strictly before it are the training part, events at or after it are
 * the future the models are asked about. A test user has events on both sides; their relevant
 * products are those touched after the cut ("all"), or only those not touched before it ("new").
 *
 * @param cut    the cut time
 * @param train  the events before the cut, in input order
 * @param before per user, the products touched before the cut
 * @param after  per user, the products touched at or after the cut
 */
public record TemporalSplit(LocalDateTime cut, List<Interaction> train, Map<Long, SortedSet<Long>> before,
        Map<Long, SortedSet<Long>> after) {

    /**
     * The time of the event at rank {@code floor(quantile * N)} in time order (0-based): with 0.8,
     * the first event of the last 20 %. Training then holds at most that share (less when events
     * share the cut's time stamp).
     */
    public static LocalDateTime quantileCut(final List<Interaction> rows, final double quantile) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("No interactions: nothing to cut");
        }
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("The cut quantile must be between 0 and 1, got " + quantile);
        }
        final List<LocalDateTime> times = new ArrayList<>(rows.size());
        rows.forEach(row -> times.add(row.timestamp()));
        Collections.sort(times);
        return times.get((int) Math.min(times.size() - 1, (long) Math.floor(quantile * times.size())));
    }

    /** Splits {@code rows} at {@code cut}. */
    public static TemporalSplit at(final List<Interaction> rows, final LocalDateTime cut) {
        final List<Interaction> train = new ArrayList<>();
        final Map<Long, SortedSet<Long>> before = new TreeMap<>();
        final Map<Long, SortedSet<Long>> after = new TreeMap<>();
        for (final Interaction row : rows) {
            final boolean isTrain = row.timestamp().isBefore(cut);
            if (isTrain) {
                train.add(row);
            }
            (isTrain ? before : after).computeIfAbsent(row.userId(), u -> new TreeSet<>()).add(row.productId());
        }
        return new TemporalSplit(cut, List.copyOf(train), before, after);
    }

    /** Users with events on both sides of the cut, ascending. */
    public List<Long> testUsers() {
        return after.keySet().stream().filter(before::containsKey).toList();
    }

    /** Every product the user touched after the cut ("all"). */
    public SortedSet<Long> relevant(final long user) {
        return Collections.unmodifiableSortedSet(after.getOrDefault(user, new TreeSet<>()));
    }

    /** The products the user touched after the cut and never before it ("new"); may be empty. */
    public SortedSet<Long> relevantNew(final long user) {
        final SortedSet<Long> fresh = new TreeSet<>(after.getOrDefault(user, new TreeSet<>()));
        fresh.removeAll(before.getOrDefault(user, new TreeSet<>()));
        return fresh;
    }
}
