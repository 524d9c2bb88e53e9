package dev.shopreco.api.streams;

/**
 * The state needed for an answer cannot be read right now: Kafka Streams is starting, rebalancing
 * or restoring, or the owner of the key is unreachable. An expected, passing condition: the HTTP
 * layer answers 503 with {@code Retry-After}.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(final String message) {
        super(message);
    }

    public StoreUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
