package dev.shopreco.streams.state;

/**
 * One product of a user's interaction history, as the models and the API read it.
 *
 * @param productId      the product
 * @param strengthSum    raw sum of the event strengths
 * @param purchased      whether the user bought it
 * @param firstEventTime earliest event time, epoch ms
 * @param lastEventTime  latest event time, epoch ms
 */
public record UserInteraction(long productId, double strengthSum, boolean purchased, long firstEventTime,
        long lastEventTime) {

    /** The pair's entry built from its store value. */
    public static UserInteraction of(final long productId, final InteractionStats stats) {
        return new UserInteraction(productId, stats.strengthSum(), stats.purchased(), stats.firstEventTime(),
                stats.lastEventTime());
    }

    /** {@code s(u,p) = log2(1 + strengthSum)}. */
    public double strength() {
        return Strength.smoothed(strengthSum);
    }
}
