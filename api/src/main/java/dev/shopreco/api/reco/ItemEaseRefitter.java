package dev.shopreco.api.reco;

import dev.shopreco.api.streams.LocalState;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ITEM_EASE's fitted matrices, refitted in the background on one daemon thread from start-up, never
 * on a request: every {@code reco.item-ease.refit-interval} ({@code ITEM_EASE_REFIT_INTERVAL},
 * default 10 s) it reads the item Gram rows (the global {@code item-gram-all} store, complete on every instance) and,
 * if they changed since the last fit, fits each configured setting again (O(N³) each, O(N²) memory,
 * N = {@code reco.item-ease.max-products}) and swaps the fits in at once. Requests read the last fit;
 * before the first one ITEM_EASE answers with the popularity list flagged as a fallback. A refit that
 * cannot read the stores (starting, rebalancing) keeps the last fit and is retried at the next tick;
 * any other failure is logged as a warning and retried the same way.
 */
@Context
public class ItemEaseRefitter implements ItemEaseFits, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ItemEaseRefitter.class);

    private final LocalState state;
    private final ItemEaseSettings settings;
    private final ScheduledExecutorService executor;
    private volatile Map<ItemEaseSettings.Params, ItemEaseFit> fits = Map.of();
    private volatile ItemGram fittedOn;

    public ItemEaseRefitter(final LocalState state, final ItemEaseSettings settings,
            @Value("${reco.item-ease.refit-interval:10s}") final Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("reco.item-ease.refit-interval (ITEM_EASE_REFIT_INTERVAL) must be positive");
        }
        this.state = state;
        this.settings = settings;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "item-ease-refit");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        // the first attempt soon after start-up, then one per interval after the previous one ends
        executor.scheduleWithFixedDelay(this::refitQuietly, Math.min(1000, interval.toMillis()), interval.toMillis(),
                TimeUnit.MILLISECONDS);
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
        LOG.info("ITEM_EASE refitted on the Gram rows of {} products ({} fitted) in {} ms", gram.rows().size(),
                next.values().iterator().next().products().length, (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    private void refitQuietly() {
        try {
            refitIfChanged();
        } catch (final StoreUnavailableException | InvalidStateStoreException e) {
            LOG.debug("ITEM_EASE refit skipped, retried at the next tick: {}", e.toString());
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
