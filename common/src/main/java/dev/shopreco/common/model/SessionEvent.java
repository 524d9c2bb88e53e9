package dev.shopreco.common.model;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One line of {@code sessions.jsonl}: a user viewed or bought a product in a session. {@code userId}
 * and {@code productId} may be null, as in the shop's data; everything else has been validated by
 * {@link dev.shopreco.common.validation.SessionEventParser}.
 *
 * @param sessionId       the session, the key of {@code shop.sessions}
 * @param timestamp       local date-time of the event as the shop wrote it (treated as UTC)
 * @param userId          the user, or null when the shop lost it
 * @param productId       the product, or null when the shop lost it
 * @param eventType       view or purchase
 * @param offeredDiscount discount offered, in percent (may be null)
 * @param purchaseId      set on purchases (may be null)
 */
public record SessionEvent(
        long sessionId,
        LocalDateTime timestamp,
        Long userId,
        Long productId,
        EventType eventType,
        Integer offeredDiscount,
        Long purchaseId) {

    /** Event time in epoch milliseconds; the data's local times are read as UTC. */
    public long epochMillis() {
        return timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** This event with its user set (used when a lost user id is recovered from the session). */
    public SessionEvent withUserId(final Long user) {
        return new SessionEvent(sessionId, timestamp, user, productId, eventType, offeredDiscount, purchaseId);
    }
}
