package dev.shopreco.api.reco;

/** The caller named a product the catalog does not have: a 404. */
public final class ProductNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProductNotFoundException(final long productId) {
        super("Unknown product " + productId + ": not in the catalog");
    }
}
