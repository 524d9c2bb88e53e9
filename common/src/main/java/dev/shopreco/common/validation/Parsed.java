package dev.shopreco.common.validation;

import dev.shopreco.common.model.RejectReason;
import java.util.Objects;

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

    /** A record that was refused, with a reason code and a human-readable detail. */
    record Invalid<T>(RejectReason reason, String detail) implements Parsed<T> {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Parsed<T> valid(final T value) {
        return new Valid<>(value);
    }

    static <T> Parsed<T> invalid(final RejectReason reason, final String detail) {
        return new Invalid<>(reason, detail);
    }
}
