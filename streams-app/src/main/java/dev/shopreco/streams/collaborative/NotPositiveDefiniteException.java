package dev.shopreco.streams.collaborative;

/**
 * {@code gram + λI} is not positive definite, so EASE has no weights for it. A true Gram matrix
 * ({@code XᵀX}) never is; a matrix read row by row from rows that are being rewritten can be (each
 * row a consistent copy, but not all of the same flush), and is then refused rather than inverted
 * wrongly.
 */
public class NotPositiveDefiniteException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NotPositiveDefiniteException(final String message) {
        super(message);
    }
}
