package dev.shopreco.streams.model;

/**
 * The HYBRID model's blends, one per list kind.
 *
 * @param all   the blend for lists that may contain what the user touched
 * @param fresh the blend for lists that leave out everything the user touched ({@link Exclusion#INTERACTED});
 *              the evaluator tunes the two separately
 */
public record HybridSettings(HybridWeights all, HybridWeights fresh) {

    /**
     * The defaults: the blends the evaluator chose on the default data set's validation cut
     * (evaluator/README.md, "HYBRID"); the API reads its own from {@code reco.hybrid}.
     */
    public static final HybridSettings DEFAULT = new HybridSettings(new HybridWeights(1.0, 0.25, 0.25, 2.0, 0.0),
            new HybridWeights(1.0, 0.25, 0.25, 0.0, 0.0));

    public HybridSettings {
        if (all == null || fresh == null) {
            throw new IllegalArgumentException("HYBRID needs a blend for both list kinds");
        }
    }

    /** The blend for lists with this exclusion. */
    public HybridWeights weightsFor(final Exclusion exclusion) {
        return exclusion == Exclusion.INTERACTED ? fresh : all;
    }
}
