package dev.shopreco.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every setting: an ISO-8601 duration ({@code PT5S}, {@code P1D},
 * {@code PT0.1S}) or a whole number with a unit as Micronaut writes it: {@code ns}, {@code us},
 * {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} ({@code 100ms}, {@code 10s}, {@code 5m}).
 */
public final class Durations {

    /** Micronaut's unit form: a trailing {@code s} after {@code m}, {@code n} or {@code u} makes ms, ns, us. */
    private static final Pattern UNIT = Pattern.compile("(-?\\d+)([unsmhd])(s?)");

    private Durations() {
    }

    /**
     * Reads {@code text} (surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming both forms when it is neither
     */
    public static Duration parse(final String text) {
        final String value = text.trim();
        final Matcher unit = UNIT.matcher(value);
        if (unit.matches()) {
            final long amount = Long.parseLong(unit.group(1));
            final boolean s = !unit.group(3).isEmpty();
            switch (unit.group(2)) {
                case "d":
                    return Duration.ofDays(amount);
                case "h":
                    return Duration.ofHours(amount);
                case "m":
                    return s ? Duration.ofMillis(amount) : Duration.ofMinutes(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "n":
                    if (s) {
                        return Duration.ofNanos(amount);
                    }
                    break;
                default:
                    if (s) {
                        return Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                    }
                    break;
            }
        }
        try {
            return Duration.parse(value);
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 10s, 100ms, 5m, 2h, 1d"
                    + " or ISO-8601 PT10S", e);
        }
    }
}
