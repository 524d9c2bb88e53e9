package dev.shopreco.api.http;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses path and query values by hand rather than by Micronaut's conversion, so that every bad
 * value gets the API's own 400 body with a message that names the value.
 */
final class Params {

    static final int DEFAULT_N = 10;
    static final int MAX_N = 100;

    private Params() {
    }

    /** A user id: a non-negative decimal integer that fits a long. */
    static long userId(final String text) {
        final String value = text == null ? "" : text.trim();
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequestException("The user id must be a non-negative integer, got '" + abbreviate(text) + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException e) {
            throw new BadRequestException("The user id is too large: '" + abbreviate(text) + "'");
        }
    }

    /** The list length {@code n}: 1 to 100, 10 when absent. */
    static int count(final String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_N;
        }
        // trim() also strips control characters, so "\u0000" ends up empty here (it used to reach
        // parseInt("") and answer 500; found by the HTTP fuzz run)
        final String value = text.trim();
        if (value.isEmpty() || value.length() > 3 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_N) {
            throw new BadRequestException("n must be an integer from 1 to " + MAX_N + ", got '" + abbreviate(text) + "'");
        }
        return Integer.parseInt(value);
    }

    /** Earliest and latest (ahead of the wall clock) event time a client may state. */
    private static final long EARLIEST_EVENT_TIME = LocalDateTime.parse("2000-01-01T00:00:00")
            .toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long MAX_AHEAD_MILLIS = 3_600_000L;

    /**
     * The {@code X-Shopreco-Event-Time} header: epoch milliseconds or an ISO local date-time (read as
     * UTC, like the shop's timestamps), from 2000 to an hour ahead of now; null when absent.
     */
    static Long eventTime(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final String value = text.trim();
        long millis;
        try {
            millis = value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() <= 15
                    ? Long.parseLong(value)
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (final DateTimeParseException e) {
            throw new BadRequestException(EVENT_TIME_HEADER + " must be epoch milliseconds or an ISO date-time "
                    + "such as 2020-03-01T10:00:00, got '" + abbreviate(text) + "'");
        }
        if (millis < EARLIEST_EVENT_TIME || millis > System.currentTimeMillis() + MAX_AHEAD_MILLIS) {
            throw new BadRequestException(EVENT_TIME_HEADER + " must lie between 2000-01-01 and an hour from now, got '"
                    + abbreviate(text) + "'");
        }
        return millis;
    }

    /** The header a replaying client sets to its clock (see {@link #eventTime}). */
    static final String EVENT_TIME_HEADER = Forwarder.EVENT_TIME;

    /** Keeps messages short whatever a client sends. */
    private static String abbreviate(final String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
