package dev.shopreco.api.reco;

import java.time.Duration;

/**
 * How this instance keeps USER_KNN's neighbour lists ({@code reco.user-knn.*} in {@code application.yml}).
 *
 * @param refitInterval how often the refitter looks for changed postings or ownership to refit on
 * @param maxLists      users of this instance with a neighbour list, the most recently active first
 */
public record UserKnnServing(Duration refitInterval, int maxLists) {

    public UserKnnServing {
        if (refitInterval.isNegative() || refitInterval.isZero()) {
            throw new IllegalArgumentException("USER_KNN_REFIT_INTERVAL must be positive, got " + refitInterval);
        }
        if (maxLists < 1) {
            throw new IllegalArgumentException("USER_KNN_MAX_LISTS must be at least 1, got " + maxLists);
        }
    }
}
