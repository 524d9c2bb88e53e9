package dev.shopreco.producer.replay;

import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;

/**
 * One line of a data file with its position and what the validation made of it.
 *
 * @param line   1-based line number in the file
 * @param seq    1-based position in the replay's order (equals {@code line} unless the file was sorted)
 * @param text   the line as read
 * @param parsed the validated event, or the reason it was refused
 */
record SourceLine(long line, long seq, String text, Parsed<SessionEvent> parsed) {

    SourceLine at(final long position) {
        return new SourceLine(line, position, text, parsed);
    }
}
