package dev.shopreco.streams.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.json.Json;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Builds raw JSON lines of the shop's files for tests. */
public final class Lines {

    private Lines() {
    }

    /**
     * The wall clock now (UTC, to the second) as an event time: later than every data set's events, so
     * an event dated now closes every session (the end-of-input marker), yet not in the future, which
     * the parser refuses ({@code EVENT_TIME_MAX_AHEAD}).
     */
    public static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /** A {@code users.jsonl} line. */
    public static String user(final long id) {
        return "{\"user_id\": " + id + ", \"name\": \"Anna Nowak\", \"city\": \"Kraków\", \"street\": \"ul. Długa 1\"}";
    }

    /** A {@code products.jsonl} line. */
    public static String product(final long id, final String categoryPath) {
        final ObjectNode o = Json.mapper().createObjectNode();
        o.put("product_id", id);
        o.put("product_name", "Product " + id);
        o.put("category_path", categoryPath);
        o.put("price", 9.99);
        return write(o);
    }

    /** A {@code sessions.jsonl} line; null user or product are written as JSON null. */
    public static String event(final long session, final String time, final Long user, final Long product,
            final String type) {
        final ObjectNode o = Json.mapper().createObjectNode();
        o.put("session_id", session);
        o.put("timestamp", time);
        o.put("user_id", user);
        o.put("product_id", product);
        o.put("event_type", type);
        o.put("offered_discount", 0);
        if ("BUY_PRODUCT".equals(type)) {
            o.put("purchase_id", session * 10);
        } else {
            o.putNull("purchase_id");
        }
        return write(o);
    }

    private static String write(final ObjectNode o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
