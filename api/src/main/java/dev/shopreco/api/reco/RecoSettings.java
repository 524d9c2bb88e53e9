package dev.shopreco.api.reco;

import dev.shopreco.streams.model.Exclusion;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How answers are made ({@code reco.*} in {@code application.yml}).
 *
 * @param exclusion             which products a list leaves out
 * @param timeZone              the zone of an answer's {@code date}
 * @param randomSeed            the seed of {@code RANDOM}
 * @param answerCacheSize       answers (and, apart, similar-products lists) kept until their state changes;
 *                              0 turns the caches off
 * @param itemEaseRefitInterval how often ITEM_EASE looks for changed Gram rows to refit on
 * @param refitBacklog          records waiting in this instance's input from which background refits
 *                              pause longer ({@link RefitPacing}); 0: never
 */
public record RecoSettings(Exclusion exclusion, ZoneId timeZone, long randomSeed, long answerCacheSize,
        Duration itemEaseRefitInterval, long refitBacklog) {

    public RecoSettings {
        if (refitBacklog < 0) {
            throw new IllegalArgumentException("REFIT_BACKLOG must be >= 0, got " + refitBacklog);
        }
        if (itemEaseRefitInterval.isNegative() || itemEaseRefitInterval.isZero()) {
            throw new IllegalArgumentException("ITEM_EASE_REFIT_INTERVAL must be positive, got " + itemEaseRefitInterval);
        }
    }
}
