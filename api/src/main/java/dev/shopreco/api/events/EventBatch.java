package dev.shopreco.api.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /events} read into events: one JSON object, or a JSON array of them. Each
 * event's own text goes through {@link SessionEventParser}, the parser of the replay and the
 * topology, so an event is refused here exactly when and why {@code shop.sessions.rejected} would
 * refuse it. The array is only split here (its elements' text kept byte for byte), never re-written.
 *
 * @param events  the valid events with their text, in order (all of them when {@code refused} is empty)
 * @param refused the refused events, by index
 */
public record EventBatch(List<Event> events, List<Refusal> refused) {

    /**
     * A valid event.
     *
     * @param event the parsed event
     * @param text  its JSON text as sent: what is written to {@code shop.sessions}
     */
    public record Event(SessionEvent event, String text) {
    }

    /**
     * A refused event.
     *
     * @param index  its position in the batch, from 0
     * @param reason the code of {@code shop.sessions.rejected}
     * @param detail what is wrong
     */
    public record Refusal(int index, RejectReason reason, String detail) {
    }

    private static final JsonFactory SPLITTER = new JsonFactory();

    /**
     * Reads {@code body}.
     *
     * @throws TooManyEventsException if it holds more than {@code maxBatch} events, or none
     */
    public static EventBatch read(final String body, final SessionEventParser parser, final int maxBatch) {
        final List<String> texts = new ArrayList<>();
        final List<Refusal> refused = new ArrayList<>();
        final String trimmed = body == null ? "" : body.strip();
        if (!trimmed.startsWith("[")) {
            texts.add(trimmed);
        } else {
            split(trimmed, texts, refused, maxBatch);
        }
        if (texts.isEmpty() && refused.isEmpty()) {
            throw new TooManyEventsException("the body holds no event: send one event or an array of 1 to "
                    + maxBatch);
        }
        final List<Event> events = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            final Parsed<SessionEvent> parsed = Parsed.guarded(parser::parse, texts.get(i));
            if (parsed instanceof Parsed.Valid<SessionEvent> valid) {
                events.add(new Event(valid.value(), texts.get(i)));
            } else if (parsed instanceof Parsed.Invalid<SessionEvent> invalid) {
                refused.add(new Refusal(i, invalid.reason(), invalid.detail()));
            }
        }
        refused.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new EventBatch(events, refused);
    }

    /** The array's elements' texts; a broken array is one MALFORMED_JSON refusal at the element it broke in. */
    private static void split(final String body, final List<String> texts, final List<Refusal> refused,
            final int maxBatch) {
        try (JsonParser parser = SPLITTER.createParser(body)) {
            parser.nextToken();
            while (true) {
                final JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    break;
                }
                if (token == null) {
                    refused.add(new Refusal(texts.size(), RejectReason.MALFORMED_JSON, "the array is cut short"));
                    return;
                }
                if (texts.size() == maxBatch) {
                    throw new TooManyEventsException("at most " + maxBatch + " events per request (EVENTS_MAX_BATCH)");
                }
                final int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                // a scalar's text is read lazily: read it, so that the location is past its end
                parser.finishToken();
                final int end = (int) parser.currentLocation().getCharOffset();
                texts.add(body.substring(start, end));
            }
            if (parser.nextToken() != null) {
                refused.add(new Refusal(texts.size(), RejectReason.MALFORMED_JSON, "content after the array"));
            }
        } catch (final JsonProcessingException e) {
            refused.add(new Refusal(texts.size(), RejectReason.MALFORMED_JSON,
                    "not JSON: " + e.getOriginalMessage()));
        } catch (final IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }
}
