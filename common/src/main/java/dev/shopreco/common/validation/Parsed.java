package dev.shopreco.common.validation;

import dev.shopreco.common.model.RejectReason;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of reading one record: either a value, or the reason it was refused.
 *
 * @param <T> the record type
 */
public sealed interface Parsed<T> {

    /** A record that passed validation. */
    record Valid<T>(T value) implements Parsed<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A record that was refused, with a reason code, a human-readable detail and, if validation
     * itself failed on it ({@link RejectReason#PROCESSING_FAILED}), the exception.
     */
    record Invalid<T>(RejectReason reason, String detail, Throwable error) implements Parsed<T> {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }

        /** A refusal by validation. */
        public Invalid(final RejectReason reason, final String detail) {
            this(reason, detail, null);
        }
    }

    static <T> Parsed<T> valid(final T value) {
        return new Valid<>(value);
    }

    static <T> Parsed<T> invalid(final RejectReason reason, final String detail) {
        return new Invalid<>(reason, detail);
    }

    /**
     * {@code parser} applied to {@code text}, where an exception (a defect: the parsers are total)
     * becomes a {@code PROCESSING_FAILED} refusal of that one record instead of stopping the caller.
     */
    static <T> Parsed<T> guarded(final Function<String, Parsed<T>> parser, final String text) {
        try {
            return parser.apply(text);
        } catch (final RuntimeException | StackOverflowError e) {
            return new Invalid<>(RejectReason.PROCESSING_FAILED, "validation failed: " + e, e);
        }
    }
}
