package dev.shopreco.common.json;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The shop's own date-time form, {@code yyyy-MM-ddTHH:mm:ss}, read and written without a
 * {@link DateTimeFormatter}. Every event is parsed by the replay and the topology and written to and
 * read from {@code shop.interactions}; the formatter was a third of the parse and a good part of the
 * write. Anything outside the fast form is left to the caller's general path.
 */
public final class IsoLocalTime {

    private static final int LENGTH = 19;

    private IsoLocalTime() {
    }

    /** {@code text} as a local date-time if it is exactly {@code yyyy-MM-ddTHH:mm:ss} and valid, else null. */
    public static LocalDateTime parseOrNull(final String text) {
        if (text == null || text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        final int year = digits(text, 0, 4);
        final int month = digits(text, 5, 7);
        final int day = digits(text, 8, 10);
        final int hour = digits(text, 11, 13);
        final int minute = digits(text, 14, 16);
        final int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (final DateTimeException e) {
            return null;
        }
    }

    /**
     * An event time as the shop's data means it, or null: the fast form above, any other ISO local
     * date-time (read as UTC, the zone the shop's local times are read in), or an ISO date-time with an
     * offset, converted to UTC. {@code SessionEventParser} and the topology's timestamp extractor both
     * read event times through it, so they never disagree on one.
     */
    public static LocalDateTime parseUtcOrNull(final String text) {
        final LocalDateTime fast = parseOrNull(text);
        if (fast != null || text == null) {
            return fast;
        }
        try {
            return LocalDateTime.parse(text);
        } catch (final DateTimeParseException notLocal) {
            try {
                return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } catch (final DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * {@code time} as {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME} writes it (what Jackson's
     * {@code JavaTimeModule} writes too): by hand for whole seconds in years 0-9999, through the
     * formatter otherwise.
     */
    public static String format(final LocalDateTime time) {
        final int year = time.getYear();
        if (time.getNano() != 0 || year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        }
        final char[] out = new char[LENGTH];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, time.getHour(), 2);
        out[13] = ':';
        put(out, 14, time.getMinute(), 2);
        out[16] = ':';
        put(out, 17, time.getSecond(), 2);
        return new String(out);
    }

    private static void put(final char[] out, final int at, final int value, final int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private static int digits(final String text, final int from, final int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
