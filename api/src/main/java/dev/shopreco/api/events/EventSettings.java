package dev.shopreco.api.events;

import java.time.Duration;

/**
 * {@code POST /events}.
 *
 * @param maxBatch        the most events one request may carry
 * @param idempotencyTtl  how long an {@code Idempotency-Key} is remembered, from the request that wrote its events
 * @param maxKeys         the most keys remembered at once (beyond, the least recently used are forgotten)
 * @param sendTimeout     how long a request waits for Kafka to acknowledge its events before a 503
 */
public record EventSettings(int maxBatch, Duration idempotencyTtl, long maxKeys, Duration sendTimeout) {

    public EventSettings {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("EVENTS_MAX_BATCH must be at least 1, got " + maxBatch);
        }
        if (idempotencyTtl.isNegative() || idempotencyTtl.isZero()) {
            throw new IllegalArgumentException("EVENTS_IDEMPOTENCY_TTL must be positive, got " + idempotencyTtl);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("EVENTS_IDEMPOTENCY_MAX_KEYS must be at least 1, got " + maxKeys);
        }
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("EVENTS_SEND_TIMEOUT must be positive, got " + sendTimeout);
        }
    }
}
