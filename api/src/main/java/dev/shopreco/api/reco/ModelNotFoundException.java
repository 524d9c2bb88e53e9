package dev.shopreco.api.reco;

import java.util.List;

/** The caller named a model that does not exist: a 404, not a server error. */
public final class ModelNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(final String model, final List<String> known) {
        super("Unknown model '" + model + "'; known models: " + known);
    }
}
