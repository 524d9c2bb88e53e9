package dev.shopreco.streams.knn;

import dev.shopreco.streams.knn.UserKnnIndex.Neighbours;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fitted user-kNN model for one weighting: the matrix of the postings ({@link UserKnnIndex}) and
 * users' neighbour lists of up to {@code maxNeighbours} entries. Either a list is computed at every
 * call and none is kept ({@link #onDemand}: the API, whose memory must not grow with the users), or
 * each list is computed on first use and kept ({@link #lazy}: the evaluator and tests, which ask for
 * every user's list, often several times). Thread-safe.
 */
public final class UserKnnFit {

    private final UserKnnIndex index;
    private final int maxNeighbours;
    /** The lists computed so far, by row; null for a fit on demand. */
    private final AtomicReferenceArray<Neighbours> kept;

    private UserKnnFit(final UserKnnIndex index, final int maxNeighbours, final boolean keep) {
        if (maxNeighbours < 1) {
            throw new IllegalArgumentException("a user-kNN fit needs at least one neighbour, got " + maxNeighbours);
        }
        this.index = index;
        this.maxNeighbours = maxNeighbours;
        this.kept = keep ? new AtomicReferenceArray<>(index.users()) : null;
    }

    /** A fit whose lists are computed on first use, each kept: memory grows to a list per user asked for. */
    public static UserKnnFit lazy(final UserKnnIndex index, final int maxNeighbours) {
        return new UserKnnFit(index, maxNeighbours, true);
    }

    /**
     * A fit that computes a user's list at each call and keeps none: its memory is the index's. A list
     * costs the postings of the products in the user's row (at most H x M multiply-adds).
     */
    public static UserKnnFit onDemand(final UserKnnIndex index, final int maxNeighbours) {
        return new UserKnnFit(index, maxNeighbours, false);
    }

    public UserKnnIndex index() {
        return index;
    }

    /** The most neighbours a list holds. */
    public int maxNeighbours() {
        return maxNeighbours;
    }

    /** The user's neighbours, at most {@link #maxNeighbours} (none for a user without postings). */
    public Neighbours neighbours(final long userId) {
        final int row = index.row(userId);
        if (row < 0) {
            return Neighbours.NONE;
        }
        if (kept == null) {
            return index.neighbours(row, maxNeighbours);
        }
        final Neighbours known = kept.get(row);
        if (known != null) {
            return known;
        }
        // two threads may compute the same list; both get equal lists, so the race is harmless
        kept.compareAndSet(row, null, index.neighbours(row, maxNeighbours));
        return kept.get(row);
    }

    /** The user's positive scores from the first {@code k} neighbours, by product; empty without neighbours. */
    public Map<Long, Double> scores(final long userId, final int k) {
        final int row = index.row(userId);
        if (kept == null && row >= 0 && k >= 1) {
            // the first k of the longest list are the k best (a strict order): compute no more than k
            return index.scores(index.neighbours(row, Math.min(k, maxNeighbours)), k);
        }
        return index.scores(neighbours(userId), k);
    }
}
