package dev.shopreco.api.health;

import java.time.Duration;

/**
 * What readiness tolerates ({@code application.yml}, each overridable by environment).
 *
 * @param maxStoreLag    records a local store may still have to restore from its changelog and be ready
 *                       ({@code HEALTH_MAX_STORE_LAG})
 * @param stallTimeout   how long input may wait on a partition while no record is processed before the
 *                       instance is not ready ({@code HEALTH_STALL_TIMEOUT})
 * @param failureWindow  the window in which stream-thread failures are counted ({@code HEALTH_FAILURE_WINDOW})
 * @param failuresToFail failures within the window that make a thread "keep failing"
 *                       ({@code HEALTH_THREAD_FAILURES})
 */
public record HealthSettings(long maxStoreLag, Duration stallTimeout, Duration failureWindow, int failuresToFail) {
}
