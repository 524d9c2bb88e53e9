package dev.shopreco.api.reco;

import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.LocalState;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.collaborative.NotPositiveDefiniteException;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ITEM_EASE's fitted matrices, refitted in the background on one daemon thread from start-up, never
 * on a request: it reads the item Gram rows (the global {@code item-gram-all} store, complete on every
 * instance) and, if they changed since the last fit, fits each configured setting again (O(N³) each,
 * O(N²) memory, N = {@code reco.item-ease.max-products}) and swaps the fits in at once. It looks every
 * {@code reco.item-ease.refit-interval} ({@code ITEM_EASE_REFIT_INTERVAL}, default 10 s); a refit
 * waits at least 4 times the previous one's duration after it, 20 times while the instance's input
 * lags ({@link RefitPacing}), so that refitting takes at most a fifth of one core however large N is,
 * and far less while the topology catches up. Requests read the
 * last fit; before the first one ITEM_EASE answers with the popularity list flagged as a fallback. A
 * refit that cannot read the stores (starting, rebalancing) keeps the last fit and is retried at the
 * next tick; any other failure is logged as a warning and retried the same way.
 */
@Context
public class ItemEaseRefitter implements ItemEaseFits, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ItemEaseRefitter.class);

    private final LocalState state;
    private final ItemEaseSettings settings;
    private final ScheduledExecutorService executor;
    private final long intervalMillis;
    private volatile Map<ItemEaseSettings.Params, ItemEaseFit> fits = Map.of();
    private volatile ItemGram fittedOn;
    private final RefitPacing pacing;
    private volatile LastFit lastFit;

    /**
     * The last fit.
     *
     * @param at           when it ended (epoch ms, wall clock)
     * @param gramProducts products with Gram rows it read
     * @param fitted       products it fitted (at most {@code ITEM_EASE_MAX_PRODUCTS})
     * @param millis       how long it took
     */
    public record LastFit(long at, int gramProducts, int fitted, long millis) {
    }

    public ItemEaseRefitter(final LocalState state, final ItemEaseSettings settings, final RecoSettings reco,
            final KafkaStreamsHost host) {
        final Duration interval = reco.itemEaseRefitInterval();
        this.state = state;
        this.pacing = new RefitPacing(reco.refitBacklog(), host::inputBacklog);
        this.settings = settings;
        this.intervalMillis = interval.toMillis();
        // the first look soon after start-up, then each after a pause (see the class comment)
        this.executor = pacing.start("item-ease-refit", intervalMillis, this::refitQuietly);
    }

    /** The last fit on this instance, or null before the first. */
    public LastFit lastFit() {
        return lastFit;
    }

    @Override
    public ItemEaseFit current(final ItemEaseSettings.Params params) {
        return fits.get(params);
    }

    /**
     * Refits now if the Gram rows changed since the last fit (the background thread's step).
     *
     * @return whether it refitted
     */
    boolean refitIfChanged() {
        final ItemGram gram = state.view().itemGram();
        if (gram.isEmpty() || gram == fittedOn) {
            return false;
        }
        final long start = System.nanoTime();
        final Map<ItemEaseSettings.Params, ItemEaseFit> next = new HashMap<>();
        for (final ItemEaseSettings.Params params : new ItemEaseSettings.Params[] {settings.all(), settings.fresh()}) {
            if (!next.containsKey(params)) {
                next.put(params, ItemEaseFit.fit(gram, params.weighting(), settings.maxProducts(), params.lambda()));
            }
        }
        fits = Map.copyOf(next);
        fittedOn = gram;
        final long lastFitMillis = pacing.fittedSince(start);
        lastFit = new LastFit(System.currentTimeMillis(), gram.rows().size(),
                next.values().iterator().next().products().length, lastFitMillis);
        LOG.info("ITEM_EASE refitted on the Gram rows of {} products ({} fitted) in {} ms; {}",
                gram.rows().size(), next.values().iterator().next().products().length, lastFitMillis,
                pacing.next(intervalMillis));
        return true;
    }

    private void refitQuietly() {
        try {
            refitIfChanged();
        } catch (final StoreUnavailableException | InvalidStateStoreException e) {
            LOG.debug("ITEM_EASE refit skipped, retried at the next tick: {}", e.toString());
        } catch (final NotPositiveDefiniteException e) {
            // the Gram rows are read one by one while a flush rewrites them: a mix of two flushes can be
            // indefinite; the next tick reads them again (one line, no stack trace: it is expected)
            LOG.warn("ITEM_EASE refit skipped: the Gram rows read were not positive definite, as while a flush "
                    + "rewrites them ({}); the last fit stays, retried at the next tick", e.getMessage());
        } catch (final RuntimeException e) {
            LOG.warn("ITEM_EASE refit failed; the last fit stays, retried at the next tick", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
