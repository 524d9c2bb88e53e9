package dev.shopreco.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.validation.SessionEventParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchTest {

    private static final String VIEW = "{\"session_id\": 7, \"timestamp\": \"2021-03-01T12:00:00\", \"user_id\": 101,"
            + " \"product_id\": 1001, \"event_type\": \"VIEW_PRODUCT\", \"offered_discount\": 0, \"purchase_id\": null}";

    private static EventBatch read(final String body) {
        return EventBatch.read(body, SessionEventParser.DEFAULT, 3);
    }

    @Test
    void shouldKeepEachEventsTextAsSent() {
        final String spaced = VIEW.replace(", ", " ,\n ");
        final EventBatch batch = read("[ " + VIEW + " ,\n" + spaced + "]");
        assertEquals(List.of(), batch.refused());
        assertEquals(List.of(VIEW, spaced), batch.events().stream().map(EventBatch.Event::text).toList());
        assertEquals(7, batch.events().get(0).event().sessionId());
        assertEquals(List.of(VIEW), read("  " + VIEW + "\n").events().stream().map(EventBatch.Event::text).toList(),
                "one object");
    }

    @Test
    void shouldRefuseEachBadEventByIndexWithTheReplaysReason() {
        final EventBatch batch = read("[" + VIEW + ", \"x\", " + VIEW.replace("VIEW_PRODUCT", "CLICK") + "]");
        assertEquals(1, batch.events().size());
        assertEquals(List.of(1, 2), batch.refused().stream().map(EventBatch.Refusal::index).toList());
        assertEquals(RejectReason.NOT_AN_OBJECT, batch.refused().get(0).reason());
        assertEquals(RejectReason.UNKNOWN_EVENT_TYPE, batch.refused().get(1).reason());
        final EventBatch duplicate = read("[" + VIEW.replace("\"user_id\": 101", "\"user_id\": 101, \"user_id\": 102")
                + "]");
        assertEquals(RejectReason.DUPLICATE_KEY, duplicate.refused().get(0).reason(), "the element's own text is parsed");
    }

    @Test
    void shouldRefuseABrokenArrayAtTheElementWhereItBroke() {
        final EventBatch cut = read("[" + VIEW + ", {\"session_id\": ");
        assertEquals(1, cut.events().size());
        assertEquals(1, cut.refused().get(0).index());
        assertEquals(RejectReason.MALFORMED_JSON, cut.refused().get(0).reason());
        assertEquals(RejectReason.MALFORMED_JSON, read("[" + VIEW + "] x").refused().get(0).reason());
        assertEquals(RejectReason.MALFORMED_JSON, read("not json").refused().get(0).reason());
    }

    @Test
    void shouldRefuseNoEventsAndTooMany() {
        assertThrows(TooManyEventsException.class, () -> read("[]"));
        final TooManyEventsException many = assertThrows(TooManyEventsException.class,
                () -> read("[" + VIEW + "," + VIEW + "," + VIEW + "," + VIEW + "]"));
        assertTrue(many.getMessage().contains("at most 3 events"), many.getMessage());
    }
}
