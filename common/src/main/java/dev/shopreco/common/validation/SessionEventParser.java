package dev.shopreco.common.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.json.IsoLocalTime;
import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.SessionEvent;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads one line of {@code sessions.jsonl} (or one record of {@code shop.sessions}) strictly. The
 * producer, the topology and the batch reference all validate through this class, so they refuse
 * exactly the same records for exactly the same reasons.
 *
 * <p>{@code user_id} and {@code product_id} may be null: the shop's data has such events and the
 * preparation (recovery, docs/design.md §1 steps 2-3) deals with them downstream.
 *
 * <p>An event dated more than {@link #maxAhead()} ahead of the wall clock is refused
 * ({@code FUTURE_TIMESTAMP}). The topology's session clock is the highest event time it has seen, so
 * one event dated 2100 would end every open session at once and cut every later session in pieces.
 * The bound is against the wall clock, not the stream's clock: a quiet week in the shop is not an
 * error, and replays of past data never come near it. It only moves forward, so a record the producer
 * accepted is accepted again when the topology reads it. The replay and the topology take it from
 * {@link #MAX_AHEAD_VARIABLE}; {@link #DEFAULT} has the default bound.
 */
public final class SessionEventParser {

    /** The setting: how far ahead of the wall clock an event may be dated. */
    public static final String MAX_AHEAD_VARIABLE = "EVENT_TIME_MAX_AHEAD";

    /** Its default: one day (time zones and clock skew, with room to spare). */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);

    /** A parser with the default bound. */
    public static final SessionEventParser DEFAULT = new SessionEventParser(DEFAULT_MAX_AHEAD);

    private final long maxAheadMillis;

    /** A parser that refuses events dated more than {@code maxAhead} ahead of the wall clock. */
    public SessionEventParser(final Duration maxAhead) {
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException(MAX_AHEAD_VARIABLE + " must not be negative: " + maxAhead);
        }
        this.maxAheadMillis = maxAhead.toMillis();
    }

    /** The bound of this parser. */
    public Duration maxAhead() {
        return Duration.ofMillis(maxAheadMillis);
    }

    /** Parses and validates one JSON record. */
    public Parsed<SessionEvent> parse(final String text) {
        try {
            final ObjectNode o = JsonFields.object(text);
            final long sessionId = JsonFields.requiredId(o, "session_id");
            final LocalDateTime timestamp = timestamp(JsonFields.requiredText(o, "timestamp"));
            if (timestamp.toEpochSecond(ZoneOffset.UTC) > (System.currentTimeMillis() + maxAheadMillis) / 1000) {
                return Parsed.invalid(RejectReason.FUTURE_TIMESTAMP, "timestamp " + timestamp + " is more than "
                        + maxAhead() + " ahead of the clock (" + MAX_AHEAD_VARIABLE + ")");
            }
            final String type = JsonFields.requiredText(o, "event_type");
            final Optional<EventType> eventType = EventType.parse(type);
            if (eventType.isEmpty()) {
                return Parsed.invalid(RejectReason.UNKNOWN_EVENT_TYPE,
                        "event_type " + JsonFields.abbreviate(type) + " is not one of VIEW_PRODUCT, BUY_PRODUCT");
            }
            final Long userId = JsonFields.optionalId(o, "user_id");
            final Long productId = JsonFields.optionalId(o, "product_id");
            final Integer discount = JsonFields.optionalInt(o, "offered_discount");
            final Long purchaseId = JsonFields.optionalId(o, "purchase_id");
            return Parsed.valid(new SessionEvent(sessionId, timestamp, userId, productId, eventType.get(),
                    discount, purchaseId));
        } catch (final JsonFields.FieldException e) {
            return Parsed.invalid(e.reason(), e.getMessage());
        }
    }

    private static LocalDateTime timestamp(final String text) throws JsonFields.FieldException {
        final LocalDateTime time = IsoLocalTime.parseUtcOrNull(text);
        if (time == null) {
            throw new JsonFields.FieldException(RejectReason.BAD_TIMESTAMP,
                    "timestamp " + JsonFields.abbreviate(text) + " is not an ISO date-time (e.g. 2021-01-04T04:50:58)");
        }
        return time;
    }
}
