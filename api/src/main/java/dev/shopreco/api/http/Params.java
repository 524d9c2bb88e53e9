package dev.shopreco.api.http;

import dev.shopreco.api.reco.ListFilter;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.ProductFilter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /** The longest {@code category} value. */
    static final int MAX_CATEGORY_LENGTH = 300;
    /** The most product ids {@code exclude} may name. */
    static final int MAX_EXCLUDED = 500;

    /**
     * The product filter of a list: {@code category} (one level, or several separated by {@code ;}, all
     * of which must match), {@code exclude} (product ids, comma-separated, the parameter repeated or not).
     */
    static ProductFilter products(final String category, final List<String> exclude) {
        if (category != null && category.length() > MAX_CATEGORY_LENGTH) {
            throw new BadRequestException("category must be at most " + MAX_CATEGORY_LENGTH + " characters");
        }
        final Set<Long> excluded = new LinkedHashSet<>();
        if (exclude != null) {
            for (final String value : exclude) {
                for (final String part : value == null ? new String[0] : value.split(",", -1)) {
                    if (part.isBlank()) {
                        continue;
                    }
                    excluded.add(productId(part, "exclude"));
                    if (excluded.size() > MAX_EXCLUDED) {
                        throw new BadRequestException("exclude may name at most " + MAX_EXCLUDED + " products");
                    }
                }
            }
        }
        return ProductFilter.of(category, excluded);
    }

    /** {@code exclusion}: NONE, PURCHASED or INTERACTED in any case; null when absent (the configured one). */
    static Exclusion exclusion(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Exclusion.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new BadRequestException("exclusion must be one of " + Arrays.toString(Exclusion.values())
                    + ", got '" + abbreviate(text) + "'");
        }
    }

    /** The filters of a list about a user. */
    static ListFilter filter(final String category, final List<String> exclude, final String exclusion) {
        final ProductFilter products = products(category, exclude);
        final Exclusion chosen = exclusion(exclusion);
        return products.isNone() && chosen == null ? ListFilter.NONE : new ListFilter(products, chosen);
    }

    /** A list about no user takes {@code exclusion} from nobody: refused rather than ignored. */
    static void noExclusion(final String exclusion) {
        if (exclusion != null && !exclusion.isBlank()) {
            throw new BadRequestException("exclusion applies to a user's list; this list is about no user");
        }
    }

    /**
     * A model among {@code models} (case-insensitive, {@code -} for {@code _}); {@code fallback} when
     * absent. A query parameter, so an unknown name is a 400.
     */
    static String model(final String text, final List<String> models, final String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        final String upper = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!models.contains(upper)) {
            throw new BadRequestException("model must be one of " + models + ", got '" + abbreviate(text) + "'");
        }
        return upper;
    }

    /** A product id: a positive decimal integer that fits a long. */
    static long productId(final String text, final String what) {
        final String value = text == null ? "" : text.trim();
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequestException(what + ": a product id must be a positive integer, got '" + abbreviate(text) + "'");
        }
        try {
            final long id = Long.parseLong(value);
            if (id <= 0) {
                throw new BadRequestException(what + ": a product id must be a positive integer, got '"
                        + abbreviate(text) + "'");
            }
            return id;
        } catch (final NumberFormatException e) {
            throw new BadRequestException(what + ": the product id is too large: '" + abbreviate(text) + "'");
        }
    }

    /** Keeps messages short whatever a client sends. */
    private static String abbreviate(final String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
