package dev.shopreco.streams.model;

import dev.shopreco.streams.collaborative.Weighting;

/**
 * The ITEM_EASE model's parameters.
 *
 * @param maxProducts N: the fit covers the N products with the most users (O(N³) per fit, O(N²) memory)
 * @param all         λ and weighting for lists that may contain what the user touched
 * @param fresh       the same for lists that leave out everything the user touched ({@link Exclusion#INTERACTED})
 */
public record ItemEaseSettings(int maxProducts, Params all, Params fresh) {

    /**
     * One setting.
     *
     * @param lambda    EASE's L2 weight (> 0)
     * @param weighting the matrix EASE is fitted on and the user's row it scores: s(u,p) or 1 per touched product
     */
    public record Params(double lambda, Weighting weighting) {
        public Params {
            if (!(lambda > 0)) {
                throw new IllegalArgumentException("ITEM_EASE lambda must be positive, got " + lambda);
            }
            if (weighting == null) {
                throw new IllegalArgumentException("ITEM_EASE weighting is required (log or binary)");
            }
        }

        /** {@code lambda=…, weighting=…}, as the evaluator's reports write settings. */
        public String describe() {
            return "lambda=" + lambda + ", weighting=" + weighting.label();
        }
    }

    /**
     * The defaults: N = 2,000 and, per list kind, what the evaluator's offline EASE chose on the
     * default data set's validation cut (evaluator/README.md): λ 500 for "all", 5,000 for "new", both
     * on s(u,p).
     */
    public static final ItemEaseSettings DEFAULT = new ItemEaseSettings(2000,
            new Params(500, Weighting.LOG), new Params(5000, Weighting.LOG));

    public ItemEaseSettings {
        if (maxProducts < 1) {
            throw new IllegalArgumentException("ITEM_EASE max products must be at least 1, got " + maxProducts);
        }
        if (all == null || fresh == null) {
            throw new IllegalArgumentException("ITEM_EASE needs a setting for both list kinds");
        }
    }

    /** The setting for lists with this exclusion. */
    public Params paramsFor(final Exclusion exclusion) {
        return exclusion == Exclusion.INTERACTED ? fresh : all;
    }
}
