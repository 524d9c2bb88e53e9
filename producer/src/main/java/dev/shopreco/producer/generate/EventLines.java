package dev.shopreco.producer.generate;

import java.time.LocalDate;

/**
 * Formats session events as the shop's JSON lines, by hand: every field written explicitly (JSON
 * null where null), in the seed's field order, fast enough for tens of millions of lines. The
 * values are numbers and fixed words, so no escaping is needed.
 */
final class EventLines {

    private final LocalDate start;
    private String[] dayPrefix = new String[0];

    EventLines(final LocalDate start) {
        this.start = start;
    }

    void append(final StringBuilder out, final GeneratedEvent e) {
        out.append("{\"session_id\":").append(e.sessionId()).append(",\"timestamp\":\"");
        appendTimestamp(out, e.second());
        out.append("\",\"user_id\":");
        appendId(out, e.userId());
        out.append(",\"product_id\":");
        appendId(out, e.productId());
        out.append(",\"event_type\":\"").append(e.buy() ? "BUY_PRODUCT" : "VIEW_PRODUCT")
                .append("\",\"offered_discount\":").append(e.discount()).append(",\"purchase_id\":");
        appendId(out, e.purchaseId());
        out.append("}\n");
    }

    /** ISO local date-time to the second, e.g. {@code 2021-01-04T04:50:58}. */
    void appendTimestamp(final StringBuilder out, final long second) {
        final int day = (int) (second / 86_400);
        final int s = (int) (second % 86_400);
        out.append(prefix(day));
        two(out, s / 3600);
        out.append(':');
        two(out, s / 60 % 60);
        out.append(':');
        two(out, s % 60);
    }

    private String prefix(final int day) {
        if (day >= dayPrefix.length) {
            final String[] grown = new String[Math.max(day + 1, dayPrefix.length * 2)];
            System.arraycopy(dayPrefix, 0, grown, 0, dayPrefix.length);
            dayPrefix = grown;
        }
        if (dayPrefix[day] == null) {
            dayPrefix[day] = start.plusDays(day) + "T";
        }
        return dayPrefix[day];
    }

    private static void two(final StringBuilder out, final int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void appendId(final StringBuilder out, final long id) {
        if (id < 0) {
            out.append("null");
        } else {
            out.append(id);
        }
    }
}
