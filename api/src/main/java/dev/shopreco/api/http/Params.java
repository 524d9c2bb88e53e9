package dev.shopreco.api.http;

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

    /** Keeps messages short whatever a client sends. */
    private static String abbreviate(final String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
