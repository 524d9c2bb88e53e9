package dev.shopreco.common.model;

/**
 * A dead letter on {@code shop.sessions.rejected}: what was refused, why, and where it came from,
 * so that nothing is dropped without a trace.
 *
 * @param reason           the reason code
 * @param detail           a human-readable explanation (which field, what value)
 * @param stage            who refused it: {@code producer}, {@code topology} or {@code ab-attribution}
 * @param source           the file (producer) or topic (topology) the record came from
 * @param line             1-based line number in the file, or the offset in the topic; -1 if unknown
 * @param original         the original text of the record, as received
 * @param exception        the class of the exception a stage failed with ({@code PROCESSING_FAILED},
 *                         {@code UNREADABLE_RECORD}), else null
 * @param exceptionMessage that exception's message, else null
 */
public record Rejected(
        RejectReason reason,
        String detail,
        String stage,
        String source,
        long line,
        String original,
        String exception,
        String exceptionMessage) {

    /** A refusal by validation: no exception involved. */
    public Rejected(final RejectReason reason, final String detail, final String stage, final String source,
            final long line, final String original) {
        this(reason, detail, stage, source, line, original, null, null);
    }

    /** A refusal because a stage failed on the record with {@code error}. */
    public static Rejected failed(final RejectReason reason, final String detail, final String stage,
            final String source, final long line, final String original, final Throwable error) {
        return new Rejected(reason, detail, stage, source, line, original, error.getClass().getName(),
                error.getMessage());
    }
}
