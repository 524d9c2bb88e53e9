package dev.shopreco.streams.collaborative;

/**
 * What the collaborative state covers: the item Gram matrices and the user-kNN postings. The
 * topology keeps exactly these cells and postings and the batch reference computes the same.
 *
 * <ul>
 *   <li>A user counts with their co-occurrence window only: the {@code userWindow} products they
 *       touched last (greatest last event time, ties by greater product id). So one event changes at
 *       most {@code userWindow} cells of a row, however long the user's history.</li>
 *   <li>Only the {@code keptProducts} products with the most users (ties by ascending id), counted
 *       over whole histories, have cells: the products ITEM_EASE may fit
 *       ({@code ITEM_EASE_MAX_PRODUCTS}). A cell (p, q) exists when both are kept and some user's
 *       window holds both.</li>
 *   <li>A kept product's postings, the rows of the user x product matrix the user-kNN model reads,
 *       are its {@code usersPerProduct} most recent users among those whose window holds it
 *       (greatest last event time, ties by greater user id): at most N x M postings, however many
 *       users there are.</li>
 * </ul>
 *
 * @param userWindow      H: products of a user's history that take part in co-occurrence (>= 1)
 * @param keptProducts    N: products that have cells (>= 1)
 * @param usersPerProduct M: published postings per kept product (>= 1)
 */
public record GramSettings(int userWindow, int keptProducts, int usersPerProduct) {

    /** The defaults: the last 200 products of a user, the 2,000 products with the most users, 1,000 users each. */
    public static final GramSettings DEFAULT = new GramSettings(200, 2000, 1000);

    public GramSettings {
        if (userWindow < 1) {
            throw new IllegalArgumentException("ITEM_GRAM_USER_WINDOW must be at least 1, got " + userWindow);
        }
        if (keptProducts < 1) {
            throw new IllegalArgumentException("ITEM_EASE_MAX_PRODUCTS must be at least 1, got " + keptProducts);
        }
        if (usersPerProduct < 1) {
            throw new IllegalArgumentException("USER_KNN_USERS_PER_PRODUCT must be at least 1, got " + usersPerProduct);
        }
    }
}
