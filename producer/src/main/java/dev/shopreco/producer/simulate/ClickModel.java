package dev.shopreco.producer.simulate;

import java.time.Duration;

/**
 * How a simulated user reacts to a served list. A product is "relevant" when the data has the user
 * viewing or buying it within {@code horizon} after the list was served; each product of the list is
 * clicked with {@code clickRelevant} or {@code clickOther}, and a clicked product is bought with
 * {@code buyPurchased} (the data has the user buying it within the horizon), {@code buyViewed}
 * (relevant, but only viewed) or {@code buyOther}.
 *
 * @param horizon       how far ahead the simulated user's interest reaches
 * @param clickRelevant click probability of a relevant product
 * @param clickOther    click probability of any other product
 * @param buyPurchased  purchase probability after a click, product bought later in the data
 * @param buyViewed     purchase probability after a click, product only viewed later
 * @param buyOther      purchase probability after a click, product not relevant
 */
public record ClickModel(Duration horizon, double clickRelevant, double clickOther, double buyPurchased,
        double buyViewed, double buyOther) {

    public ClickModel {
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("The horizon must be positive, got " + horizon);
        }
        for (final double p : new double[] {clickRelevant, clickOther, buyPurchased, buyViewed, buyOther}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("Probabilities must lie in [0, 1], got " + p);
            }
        }
    }

    /** The documented defaults. */
    public static ClickModel defaults() {
        return new ClickModel(Duration.ofDays(30), 0.30, 0.02, 0.50, 0.10, 0.02);
    }
}
