package dev.shopreco.streams.model;

import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.knn.Postings;
import dev.shopreco.streams.knn.UserKnnFit;
import dev.shopreco.streams.knn.UserKnnIndex;
import dev.shopreco.streams.state.RecoStateView;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where USER_KNN (and HYBRID's user-kNN signal) gets its fits. {@link #lazy} fits from the state on
 * first use and computes each user's list when first asked (the evaluator: one state per training
 * part; tests); the API fits the matrix in the background, never on a request, and computes a user's
 * list on each request without keeping it.
 */
@FunctionalInterface
public interface UserKnnFits {

    /** The current fit with this weighting, or {@code null} if there is none (the model then answers with popularity). */
    UserKnnFit current(Weighting weighting);

    /** Fits from {@code state}'s postings on the first request per weighting, lists of up to {@code maxNeighbours}. */
    static UserKnnFits lazy(final RecoStateView state, final int maxNeighbours) {
        final Map<Weighting, Optional<UserKnnFit>> fits = new ConcurrentHashMap<>();
        return weighting -> fits.computeIfAbsent(weighting, w -> {
            final Postings postings = state.postings();
            return postings.isEmpty() ? Optional.empty()
                    : Optional.of(UserKnnFit.lazy(UserKnnIndex.of(postings, w), maxNeighbours));
        }).orElse(null);
    }
}
