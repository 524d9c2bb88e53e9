package dev.shopreco.streams.knn;

import dev.shopreco.streams.knn.UserKnnIndex.Neighbours;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fitted user-kNN model for one weighting: the matrix of the postings ({@link UserKnnIndex}) and
 * users' neighbour lists of up to {@code maxNeighbours} entries. Either every list is computed on
 * first use ({@link #lazy}: the evaluator, tests) or the lists were computed beforehand for some users
 * ({@link #of}: the API, in the background; a user without a list has no neighbours until the next
 * fit). Thread-safe.
 */
public final class UserKnnFit {

    private final UserKnnIndex index;
    private final int maxNeighbours;
    private final AtomicReferenceArray<Neighbours> lists;
    private final boolean lazy;
    private final int listed;

    private UserKnnFit(final UserKnnIndex index, final int maxNeighbours, final Neighbours[] lists,
            final boolean lazy) {
        if (maxNeighbours < 1) {
            throw new IllegalArgumentException("a user-kNN fit needs at least one neighbour, got " + maxNeighbours);
        }
        this.index = index;
        this.maxNeighbours = maxNeighbours;
        this.lists = new AtomicReferenceArray<>(lists);
        this.lazy = lazy;
        int n = 0;
        for (final Neighbours list : lists) {
            n += list == null ? 0 : 1;
        }
        this.listed = n;
    }

    /** A fit whose lists are computed on first use, each kept. */
    public static UserKnnFit lazy(final UserKnnIndex index, final int maxNeighbours) {
        return new UserKnnFit(index, maxNeighbours, new Neighbours[index.users()], true);
    }

    /** A fit with the lists given by row of {@code index} (null: no list for that user). */
    public static UserKnnFit of(final UserKnnIndex index, final int maxNeighbours, final Neighbours[] byRow) {
        if (byRow.length != index.users()) {
            throw new IllegalArgumentException("one list per row: " + index.users() + " rows, " + byRow.length + " lists");
        }
        return new UserKnnFit(index, maxNeighbours, byRow.clone(), false);
    }

    public UserKnnIndex index() {
        return index;
    }

    /** The most neighbours a list holds. */
    public int maxNeighbours() {
        return maxNeighbours;
    }

    /** The number of users with a list computed beforehand (0 for a lazy fit). */
    public int listed() {
        return listed;
    }

    /** The user's neighbours (none for a user without postings, or without a list in a fit made beforehand). */
    public Neighbours neighbours(final long userId) {
        final int row = index.row(userId);
        if (row < 0) {
            return Neighbours.NONE;
        }
        final Neighbours known = lists.get(row);
        if (known != null || !lazy) {
            return known == null ? Neighbours.NONE : known;
        }
        // two threads may compute the same list; both get equal lists, so the race is harmless
        lists.compareAndSet(row, null, index.neighbours(row, maxNeighbours));
        return lists.get(row);
    }

    /** The user's positive scores from the first {@code k} neighbours, by product; empty without neighbours. */
    public Map<Long, Double> scores(final long userId, final int k) {
        return index.scores(neighbours(userId), k);
    }
}
