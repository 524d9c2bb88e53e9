package dev.shopreco.api.reco;

import java.time.Duration;

/**
 * How this instance refits USER_KNN ({@code reco.user-knn.*} in {@code application.yml}).
 *
 * @param refitInterval how often the refitter looks for changed postings to refit on
 */
public record UserKnnServing(Duration refitInterval) {

    public UserKnnServing {
        if (refitInterval.isNegative() || refitInterval.isZero()) {
            throw new IllegalArgumentException("USER_KNN_REFIT_INTERVAL must be positive, got " + refitInterval);
        }
    }
}
