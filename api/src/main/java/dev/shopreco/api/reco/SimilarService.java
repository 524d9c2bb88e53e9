package dev.shopreco.api.reco;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shopreco.api.streams.LocalState;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.model.ProductFilter;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.model.SimilarProducts;
import dev.shopreco.streams.state.StateVersions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Similar products ({@link SimilarProducts}) over this instance's state. Everything they read (the
 * catalog, popularity, the ITEM_EASE fit on the global Gram rows) is the same on every instance, so
 * any instance answers and nothing is forwarded.
 *
 * <p>Answers are kept per (model, product, n, filter) until what they were computed from changes:
 * a popularity value or the top list ({@link StateVersions#popularity()}), the catalog (the content
 * index is rebuilt), the ITEM_EASE fit (a refit replaces it) or a rebalance
 * ({@link StateVersions#everything()}). Bounded by {@code RECO_ANSWER_CACHE_SIZE} entries, least
 * recently used out first; 0 turns it off.
 */
@Singleton
public class SimilarService {

    /** The model of {@code /products/{id}/similar} when none is asked for. */
    public static final String DEFAULT_MODEL = Recommenders.HYBRID;

    private record Key(String model, long productId, int n, ProductFilter filter) {
    }

    private record Entry(StateStamp stamp, SimilarResponse response) {
    }

    private final LocalState state;
    private final ModelSettings settings;
    private final ItemEaseRefitter fits;
    private final Cache<Key, Entry> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public SimilarService(final LocalState state, final ModelSettings settings, final ItemEaseRefitter fits,
            final RecoSettings reco, final MeterRegistry meters) {
        this.state = state;
        this.settings = settings;
        this.fits = fits;
        final long size = reco.answerCacheSize();
        this.cache = size <= 0 ? null : Caffeine.newBuilder().maximumSize(size).build();
        FunctionCounter.builder("reco.similar.cache", hits, LongAdder::doubleValue).tag("result", "hit")
                .description("Similar-products lists served from their cache, or computed").register(meters);
        FunctionCounter.builder("reco.similar.cache", misses, LongAdder::doubleValue).tag("result", "miss")
                .description("Similar-products lists served from their cache, or computed").register(meters);
    }

    /** The models with a similar-products list. */
    public List<String> models() {
        return SimilarProducts.models();
    }

    /**
     * Up to {@code n} products similar to {@code productId} that pass {@code filter}.
     *
     * @throws ProductNotFoundException if the product is not in the catalog
     */
    public SimilarResponse similar(final String model, final long productId, final int n,
            final ProductFilter filter) {
        try {
            if (cache == null) {
                misses.increment();
                return compute(model, productId, n, filter);
            }
            final StateStamp stamp = stamp();
            final Key key = new Key(model, productId, n, filter);
            final Entry entry = cache.getIfPresent(key);
            if (entry != null && entry.stamp().equals(stamp)) {
                hits.increment();
                return entry.response();
            }
            misses.increment();
            final SimilarResponse response = compute(model, productId, n, filter);
            cache.put(key, new Entry(stamp, response));
            return response;
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The stores are migrating: " + e.getMessage(), e);
        }
    }

    private SimilarResponse compute(final String model, final long productId, final int n,
            final ProductFilter filter) {
        final SimilarProducts.Similar similar = new SimilarProducts(state.view(), settings, fits)
                .similar(model, productId, n, filter);
        if (similar == null) {
            throw new ProductNotFoundException(productId);
        }
        return SimilarResponse.of(similar);
    }

    /**
     * The counters first, then the content index and the fit: a write or a refit after this read makes
     * the stamp stale, so an answer computed across it is recomputed on the next request.
     */
    private StateStamp stamp() {
        final StateVersions versions = state.versions();
        final long popularity = versions.popularity();
        final long everything = versions.everything();
        return new StateStamp(0, popularity, everything, state.view().content(),
                fits.current(settings.itemEase().all()));
    }
}
