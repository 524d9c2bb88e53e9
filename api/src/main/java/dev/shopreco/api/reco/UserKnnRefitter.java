package dev.shopreco.api.reco;

import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.LocalState;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.knn.Postings;
import dev.shopreco.streams.knn.UserKnnFit;
import dev.shopreco.streams.knn.UserKnnIndex;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER_KNN's fits, refitted in the background on one daemon thread from start-up, never on a request.
 * A refit reads the published postings (the global {@code user-knn-postings-all} store, complete on
 * every instance) and builds the matrix X of each configured weighting ({@link UserKnnIndex}), then
 * swaps the fits in at once. A user's neighbours are found when a request asks for them
 * ({@link UserKnnFit#onDemand}: the postings of the products in the user's row), and none is kept, so
 * what an instance holds is bounded by the postings (N x M), not by its users. A neighbour may be any
 * user with postings, whoever owns it: every instance holds every posting.
 *
 * <p>It looks every {@code USER_KNN_REFIT_INTERVAL} and refits when the postings changed, at least 4
 * times the previous refit's duration after it, 20 times while the instance's input lags
 * ({@link RefitPacing}), so refitting takes at most a fifth of one core. Until the first fit USER_KNN answers with the
 * popularity list flagged as a fallback, and HYBRID's user-kNN term is 0. A refit that cannot read
 * the stores (starting, rebalancing) keeps the last fits and is retried at the next tick; any other
 * failure is logged as a warning and retried the same way.
 */
@Context
public class UserKnnRefitter implements UserKnnFits, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserKnnRefitter.class);

    private final LocalState state;
    private final UserKnnSettings settings;
    private final ScheduledExecutorService executor;
    private final long intervalMillis;
    private volatile Map<Weighting, UserKnnFit> fits = Map.of();
    private volatile Postings fittedOn;
    private final RefitPacing pacing;

    public UserKnnRefitter(final LocalState state, final UserKnnSettings settings, final UserKnnServing serving,
            final RecoSettings reco, final KafkaStreamsHost host) {
        this.state = state;
        this.pacing = new RefitPacing(reco.refitBacklog(), host::inputBacklog);
        this.settings = settings;
        this.intervalMillis = serving.refitInterval().toMillis();
        // the first look soon after start-up, then each after a pause (see the class comment)
        this.executor = pacing.start("user-knn-refit", intervalMillis, this::refitQuietly);
    }

    @Override
    public UserKnnFit current(final Weighting weighting) {
        return fits.get(weighting);
    }

    /**
     * Refits now if the postings changed since the last fit (the background thread's step).
     *
     * @return whether it refitted
     */
    boolean refitIfChanged() {
        final Postings postings = state.view().postings();
        if (postings.isEmpty() || postings == fittedOn) {
            return false;
        }
        final long start = System.nanoTime();
        final Map<Weighting, UserKnnFit> next = new EnumMap<>(Weighting.class);
        int users = 0;
        long bytes = 0;
        for (final Weighting weighting : Weighting.values()) {
            final int k = settings.neighboursFor(weighting);
            if (k == 0) {
                continue;
            }
            final UserKnnIndex index = UserKnnIndex.of(postings, weighting);
            next.put(weighting, UserKnnFit.onDemand(index, k));
            users = index.users();
            bytes += index.bytes();
        }
        fits = Map.copyOf(next);
        fittedOn = postings;
        final long lastFitMillis = pacing.fittedSince(start);
        LOG.info("USER_KNN refitted on {} postings of {} users and {} products in {} ms ({} MiB of matrices); {}",
                postings.size(), users, postings.products(), lastFitMillis, bytes >> 20, pacing.next(intervalMillis));
        return true;
    }

    private void refitQuietly() {
        try {
            refitIfChanged();
        } catch (final StoreUnavailableException | InvalidStateStoreException e) {
            LOG.debug("USER_KNN refit skipped, retried at the next tick: {}", e.toString());
        } catch (final RuntimeException e) {
            LOG.warn("USER_KNN refit failed; the last fits stay, retried at the next tick", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
