package dev.shopreco.streams.experiment;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Settings of the A/B attribution, from environment variables (ISO-8601 durations):
 * <ul>
 *   <li>{@code AB_WINDOW} (default {@code P1D}): how long after a list was served (event time) a view
 *       of one of its products counts as a click and a purchase as a conversion;</li>
 *   <li>{@code AB_GRACE} (default {@code P1D}): how far behind the newest record a served list or an
 *       event may arrive and still be joined. {@code shop.interactions} is written by several tasks
 *       of the cleaning step, each in event-time order but not in step with each other, so a
 *       partition of it is only roughly ordered (hours apart when the topology works through a
 *       backlog). Served lists and events are kept for window + grace.</li>
 * </ul>
 *
 * @param window the attribution window
 * @param grace  the allowed lateness
 */
public record ExperimentSettings(Duration window, Duration grace) {

    public ExperimentSettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("AB_WINDOW must be a positive duration, got " + window);
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("AB_GRACE must be a duration >= 0, got " + grace);
        }
    }

    /** The defaults: a 24-hour window, a day of grace. */
    public static ExperimentSettings defaults() {
        return new ExperimentSettings(Duration.ofHours(24), Duration.ofDays(1));
    }

    /** How long served lists and events are kept: window + grace. */
    public Duration retention() {
        return window.plus(grace);
    }

    /** From the process environment. */
    public static ExperimentSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** From a map of variables. */
    public static ExperimentSettings from(final Map<String, String> env) {
        return new ExperimentSettings(duration(env, "AB_WINDOW", defaults().window()),
                duration(env, "AB_GRACE", defaults().grace()));
    }

    private static Duration duration(final Map<String, String> env, final String name, final Duration fallback) {
        final String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(value.trim());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as P1D or PT6H, got '"
                    + value + "'", e);
        }
    }
}
