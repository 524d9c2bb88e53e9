package dev.shopreco.api.health;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@link HealthSettings} from {@code application.yml} (each overridable by environment). */
@Factory
public class HealthSettingsFactory {

    @Singleton
    HealthSettings healthSettings(
            @Value("${streams-health.max-store-lag:10000}") final long maxStoreLag,
            @Value("${streams-health.stall-timeout:2m}") final Duration stallTimeout,
            @Value("${streams-health.failure-window:5m}") final Duration failureWindow,
            @Value("${streams-health.thread-failures:2}") final int failuresToFail) {
        return new HealthSettings(maxStoreLag, stallTimeout, failureWindow, failuresToFail);
    }
}
