package dev.shopreco.streams.model;

import dev.shopreco.streams.collaborative.Weighting;

/**
 * The USER_KNN model's parameters, one setting per list kind.
 *
 * @param all   k and weighting for lists that may contain what the user touched
 * @param fresh the same for lists that leave out everything the user touched ({@link Exclusion#INTERACTED})
 */
public record UserKnnSettings(Params all, Params fresh) {

    /**
     * One setting.
     *
     * @param k         neighbours a score sums over (>= 1)
     * @param weighting the matrix the similarities and scores are computed on: s(u,p) or 1 per touched product
     */
    public record Params(int k, Weighting weighting) {
        public Params {
            if (k < 1) {
                throw new IllegalArgumentException("USER_KNN k must be at least 1, got " + k);
            }
            if (weighting == null) {
                throw new IllegalArgumentException("USER_KNN weighting is required (log or binary)");
            }
        }

        /** {@code k=…, weighting=…}, as the evaluator's reports write settings. */
        public String describe() {
            return "k=" + k + ", weighting=" + weighting.label();
        }
    }

    /**
     * The defaults: what the evaluator's offline user-kNN chose on the default data set's validation cut
     * (evaluator/README.md): k = 10 for "all", 100 for "new", both on s(u,p).
     */
    public static final UserKnnSettings DEFAULT = new UserKnnSettings(new Params(10, Weighting.LOG),
            new Params(100, Weighting.LOG));

    public UserKnnSettings {
        if (all == null || fresh == null) {
            throw new IllegalArgumentException("USER_KNN needs a setting for both list kinds");
        }
    }

    /** The setting for lists with this exclusion. */
    public Params paramsFor(final Exclusion exclusion) {
        return exclusion == Exclusion.INTERACTED ? fresh : all;
    }

    /** The largest k of the two settings with this weighting (0 if neither uses it): how long its lists must be. */
    public int neighboursFor(final Weighting weighting) {
        return Math.max(all.weighting() == weighting ? all.k() : 0, fresh.weighting() == weighting ? fresh.k() : 0);
    }
}
