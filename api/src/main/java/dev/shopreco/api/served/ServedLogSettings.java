package dev.shopreco.api.served;

import java.time.Duration;

/**
 * How the served log buffers and sends ({@code served-log.*} in {@code application.yml}).
 *
 * @param queueCapacity   answers waiting for Kafka; beyond it new ones are dropped and counted
 * @param deliveryTimeout how long an answer may wait for an unavailable broker before it is undelivered
 * @param linger          how long the producer gathers answers into one batch
 * @param closeTimeout    how long closing waits for the answers still queued
 */
public record ServedLogSettings(int queueCapacity, Duration deliveryTimeout, Duration linger, Duration closeTimeout) {

    public ServedLogSettings {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("SERVED_LOG_QUEUE_CAPACITY must be at least 1, got " + queueCapacity);
        }
    }
}
