package dev.shopreco.evaluator.snapshot;

import dev.shopreco.common.model.Interaction;
import java.util.Comparator;

/**
 * The one order in which every snapshot holds its interactions: by user, then event time, then
 * session, product, event type and strength.
 *
 * <p>Why not the order of arrival: the topic keeps each user's events in the order the topology
 * emitted them, but which of two sessions (on different input partitions) reached the user first
 * depends on scheduling. The original split its rows "ordered by user, file order inside a user",
 * and its file was written in event-time order, so time order inside a user is that order; the
 * remaining fields only make it total, so that a topic, a saved file and a data folder holding the
 * same events give the very same list, and the seeded split the very same rows.
 */
public final class CanonicalOrder {

    /** The canonical order. */
    public static final Comparator<Interaction> ORDER = Comparator
            .comparingLong(Interaction::userId)
            .thenComparing(Interaction::timestamp)
            .thenComparingLong(Interaction::sessionId)
            .thenComparingLong(Interaction::productId)
            .thenComparing(Interaction::eventType)
            .thenComparingDouble(Interaction::strength);

    private CanonicalOrder() {
    }
}
