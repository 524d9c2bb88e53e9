package dev.shopreco.api.experiment;

import java.util.Locale;
import java.util.Objects;

/**
 * One arm of an experiment: a name (what the analysis groups by) and the model it serves.
 *
 * @param name  the variant's name; for the hash rule also its identity in the hash, so renaming a
 *              variant reshuffles its users while changing its model does not
 * @param model the model's API name, e.g. {@code CONTENT_BASE}
 */
public record Variant(String name, String model) {

    public Variant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        if (name.isBlank() || model.isBlank()) {
            throw new IllegalArgumentException("A variant needs a name and a model, got '" + name + ":" + model + "'");
        }
    }

    /**
     * Parses {@code [name:]MODEL}; without a name the variant is named after its model. The model is
     * upper-cased, so {@code content_base} works in an environment variable.
     */
    public static Variant parse(final String text) {
        final String trimmed = text == null ? "" : text.trim();
        final int colon = trimmed.indexOf(':');
        final String model = (colon < 0 ? trimmed : trimmed.substring(colon + 1)).trim().toUpperCase(Locale.ROOT);
        final String name = colon < 0 ? model : trimmed.substring(0, colon).trim();
        return new Variant(name, model);
    }
}
