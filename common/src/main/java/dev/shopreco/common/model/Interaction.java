package dev.shopreco.common.model;

import java.time.LocalDateTime;

/**
 * A cleaned, weighted session event: the user is known (given or recovered), the product is set and
 * the strength comes from configuration. The value of {@code shop.interactions}, keyed by user.
 *
 * @param userId    the user (recovered if the raw event had none)
 * @param productId the product
 * @param eventType view or purchase
 * @param strength  the configured weight of the event type
 * @param timestamp event time
 * @param sessionId the session the event came from
 */
public record Interaction(
        long userId,
        long productId,
        EventType eventType,
        double strength,
        LocalDateTime timestamp,
        long sessionId) {
}
