package dev.shopreco.common.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.User;

/**
 * Reads lines of {@code products.jsonl} and {@code users.jsonl}. Only the id is required: the
 * models use nothing of a user but the id and nothing of a product but its category path, and the
 * original kept records whose unused fields were broken (negative prices, odd ratings), so do we.
 * A missing category path is read as the empty path (a product with no category tokens).
 */
public final class CatalogParser {

    private CatalogParser() {
    }

    /** Parses one product record. */
    public static Parsed<Product> product(final String text) {
        try {
            final ObjectNode o = JsonFields.object(text);
            final long id = JsonFields.requiredId(o, "product_id");
            final String path = JsonFields.lenientText(o, "category_path");
            return Parsed.valid(new Product(id, JsonFields.lenientText(o, "product_name"),
                    path == null ? "" : path,
                    JsonFields.lenientNumber(o, "price"), JsonFields.lenientNumber(o, "user_rating")));
        } catch (final JsonFields.FieldException e) {
            return Parsed.invalid(e.reason(), e.getMessage());
        }
    }

    /** Parses one user record. */
    public static Parsed<User> user(final String text) {
        try {
            final ObjectNode o = JsonFields.object(text);
            final long id = JsonFields.requiredId(o, "user_id");
            return Parsed.valid(new User(id, JsonFields.lenientText(o, "name"),
                    JsonFields.lenientText(o, "city"), JsonFields.lenientText(o, "street")));
        } catch (final JsonFields.FieldException e) {
            return Parsed.invalid(e.reason(), e.getMessage());
        }
    }
}
