package dev.shopreco.streams.experiment;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Settings of the A/B attribution, from environment variables:
 * {@code AB_WINDOW} (ISO-8601 duration, default {@code P1D}): how long after a list was served
 * (event time) a view of one of its products counts as a click and a purchase as a conversion; also
 * how long served lists and recent events are kept.
 *
 * @param window the attribution window
 */
public record ExperimentSettings(Duration window) {

    public ExperimentSettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("AB_WINDOW must be a positive duration, got " + window);
        }
    }

    /** The defaults: a 24-hour window. */
    public static ExperimentSettings defaults() {
        return new ExperimentSettings(Duration.ofHours(24));
    }

    /** From the process environment. */
    public static ExperimentSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** From a map of variables. */
    public static ExperimentSettings from(final Map<String, String> env) {
        final String value = env.get("AB_WINDOW");
        if (value == null || value.isBlank()) {
            return defaults();
        }
        try {
            return new ExperimentSettings(Duration.parse(value.trim()));
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("AB_WINDOW must be an ISO-8601 duration such as P1D or PT6H, got '"
                    + value + "'", e);
        }
    }
}
