package dev.shopreco.streams.experiment;

import dev.shopreco.common.config.Setting;
import dev.shopreco.common.config.Variables;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the A/B attribution, part of the topology's {@code StreamsSettings}:
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

    /** Its settings, listed once ({@code --help}, defaults). */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("AB_WINDOW", "P1D", "A/B attribution: how long after a list a view counts as a click, a purchase as a conversion"),
            new Setting("AB_GRACE", "P1D", "A/B attribution: how late a served list or an event may arrive and still be joined"));

    /** From {@code variables} ({@code AB_WINDOW}, {@code AB_GRACE}). */
    public static ExperimentSettings from(final Variables variables) {
        final Variables v = variables.withDefaults(SETTINGS);
        return new ExperimentSettings(v.requiredDuration("AB_WINDOW"), v.requiredDuration("AB_GRACE"));
    }
}
