package dev.shopreco.common.model;

/**
 * A dead letter on {@code shop.sessions.rejected}: what was refused, why, and where it came from,
 * so that nothing is dropped without a trace.
 *
 * @param reason   the reason code
 * @param detail   a human-readable explanation (which field, what value)
 * @param stage    who refused it: {@code producer} or {@code topology}
 * @param source   the file (producer) or topic (topology) the record came from
 * @param line     1-based line number in the file, or the offset in the topic; -1 if unknown
 * @param original the original text of the record, as received
 */
public record Rejected(
        RejectReason reason,
        String detail,
        String stage,
        String source,
        long line,
        String original) {
}
