package dev.shopreco.streams.reference;

import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;

/**
 * One record of {@code shop.sessions} as the topology would receive it.
 *
 * @param offset its position (offset in the topic, or line in the file)
 * @param text   the raw value
 * @param parsed the validation outcome
 */
record Arrival(long offset, String text, Parsed<SessionEvent> parsed) {

    static Arrival of(final long offset, final String text) {
        return new Arrival(offset, text, SessionEventParser.DEFAULT.parse(text));
    }
}
