package dev.shopreco.api.http;

/** Something the client sent cannot be understood: a 400 with the reason. */
public final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(final String message) {
        super(message);
    }
}
