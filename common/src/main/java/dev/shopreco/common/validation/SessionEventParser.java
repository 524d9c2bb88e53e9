package dev.shopreco.common.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.SessionEvent;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads one line of {@code sessions.jsonl} (or one record of {@code shop.sessions}) strictly. The
 * producer, the topology and the batch reference all validate through this class, so they refuse
 * exactly the same records for exactly the same reasons.
 *
 * <p>{@code user_id} and {@code product_id} may be null: the shop's data has such events and the
 * preparation (recovery, DESIGN §1 steps 2-3) deals with them downstream.
 */
public final class SessionEventParser {

    private SessionEventParser() {
    }

    /** Parses and validates one JSON record. */
    public static Parsed<SessionEvent> parse(final String text) {
        try {
            final ObjectNode o = JsonFields.object(text);
            final long sessionId = JsonFields.requiredId(o, "session_id");
            final LocalDateTime timestamp = timestamp(JsonFields.requiredText(o, "timestamp"));
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
        try {
            return LocalDateTime.parse(text);
        } catch (final DateTimeParseException notLocal) {
            try {
                // an explicit offset is converted to UTC, the zone the shop's local times are read in
                return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } catch (final DateTimeParseException e) {
                throw new JsonFields.FieldException(RejectReason.BAD_TIMESTAMP,
                        "timestamp " + JsonFields.abbreviate(text) + " is not an ISO date-time (e.g. 2021-01-04T04:50:58)");
            }
        }
    }
}
