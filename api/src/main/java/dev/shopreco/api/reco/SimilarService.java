package dev.shopreco.api.reco;

import dev.shopreco.api.streams.LocalState;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.model.ProductFilter;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.model.SimilarProducts;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Similar products ({@link SimilarProducts}) over this instance's state. Everything they read (the
 * catalog, popularity, the ITEM_EASE fit on the global Gram rows) is the same on every instance, so
 * any instance answers and nothing is forwarded.
 */
@Singleton
public class SimilarService {

    /** The model of {@code /products/{id}/similar} when none is asked for. */
    public static final String DEFAULT_MODEL = Recommenders.HYBRID;

    private final LocalState state;
    private final ModelSettings settings;
    private final ItemEaseRefitter fits;

    public SimilarService(final LocalState state, final ModelSettings settings, final ItemEaseRefitter fits) {
        this.state = state;
        this.settings = settings;
        this.fits = fits;
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
        final SimilarProducts.Similar similar;
        try {
            similar = new SimilarProducts(state.view(), settings, fits).similar(model, productId, n, filter);
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The stores are migrating: " + e.getMessage(), e);
        }
        if (similar == null) {
            throw new ProductNotFoundException(productId);
        }
        return SimilarResponse.of(similar);
    }
}
