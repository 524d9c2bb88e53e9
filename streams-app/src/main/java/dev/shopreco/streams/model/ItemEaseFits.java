package dev.shopreco.streams.model;

import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.state.RecoStateView;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where ITEM_EASE gets its fitted matrices. {@link #lazy} fits from the state on first use and keeps
 * the fit (the evaluator: one state per training part; tests); the API refits in the background and
 * never on a request.
 */
@FunctionalInterface
public interface ItemEaseFits {

    /** The current fit for these parameters, or {@code null} if there is none (the model then answers with popularity). */
    ItemEaseFit current(ItemEaseSettings.Params params);

    /** Fits from {@code state}'s item Gram rows on the first request for each setting, then keeps the fit. */
    static ItemEaseFits lazy(final RecoStateView state, final int maxProducts) {
        final Map<ItemEaseSettings.Params, Optional<ItemEaseFit>> fits = new ConcurrentHashMap<>();
        return params -> fits.computeIfAbsent(params, p -> Optional.ofNullable(
                ItemEaseFit.fit(state.itemGram(), p.weighting(), maxProducts, p.lambda()))).orElse(null);
    }
}
