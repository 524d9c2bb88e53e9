package dev.shopreco.producer.generate;

import java.util.Comparator;

/**
 * One session event as the generator holds it until its time slice is written: primitives only
 * (ids, -1 for null) so a day of a hundred thousand users stays small.
 *
 * @param second     seconds since the start of the period
 * @param sessionId  session id
 * @param seq        position in its session (keeps a session's order on equal timestamps)
 * @param userId     user id, or -1 for null
 * @param productId  product id, or -1 for null
 * @param buy        a purchase (otherwise a view)
 * @param discount   offered discount in percent
 * @param purchaseId purchase id, or -1 for null
 */
record GeneratedEvent(long second, long sessionId, int seq, long userId, long productId, boolean buy,
                      int discount, long purchaseId) {

    /** File order: by time; on equal times by session (sessions are numbered in start order), then within it. */
    static final Comparator<GeneratedEvent> FILE_ORDER = Comparator.comparingLong(GeneratedEvent::second)
            .thenComparingLong(GeneratedEvent::sessionId)
            .thenComparingInt(GeneratedEvent::seq);
}
