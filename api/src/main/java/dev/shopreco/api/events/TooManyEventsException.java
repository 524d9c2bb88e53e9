package dev.shopreco.api.events;

/** A body of {@code POST /events} with no event or more than the configured maximum: a 400. */
public final class TooManyEventsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TooManyEventsException(final String message) {
        super(message);
    }
}
