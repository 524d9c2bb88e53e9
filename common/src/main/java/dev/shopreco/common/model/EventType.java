package dev.shopreco.common.model;

import java.util.Locale;
import java.util.Optional;

/** The kinds of session event the shop records. */
public enum EventType {
    VIEW_PRODUCT,
    BUY_PRODUCT;

    /** The event type named by {@code text} (exact, upper-case as in the data), if any. */
    public static Optional<EventType> parse(final String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (final EventType type : values()) {
            if (type.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
