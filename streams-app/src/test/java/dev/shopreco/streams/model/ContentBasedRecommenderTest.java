package dev.shopreco.streams.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.knn.Postings;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.state.InMemoryState;
import dev.shopreco.streams.state.PopularityOrder;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Content-based top-N on a large catalog: cost follows the user's categories, not the catalog. */
class ContentBasedRecommenderTest {

    private static final int ROOTS = 20;
    private static final int LEAVES_PER_ROOT = 100;
    private static final int PRODUCTS_PER_LEAF = 10;

    @Test
    void shouldLookAtTheUsersCategoriesOnlyAndAgreeWithTheFullRanking() {
        final List<Product> catalog = new ArrayList<>();
        long id = 1;
        for (int root = 0; root < ROOTS; root++) {
            for (int leaf = 0; leaf < LEAVES_PER_ROOT; leaf++) {
                for (int p = 0; p < PRODUCTS_PER_LEAF; p++) {
                    catalog.add(new Product(id++, "p", "Root " + root + ";Leaf " + root + "-" + leaf, 1.0, null));
                }
            }
        }
        final List<Interaction> events = new ArrayList<>();
        final LocalDateTime time = LocalDateTime.parse("2021-01-01T00:00:00");
        events.add(new Interaction(1, 5, EventType.VIEW_PRODUCT, 1.0, time, 1));
        events.add(new Interaction(1, 15_005, EventType.BUY_PRODUCT, 2.0, time, 1));
        for (long user = 2; user < 200; user++) {
            events.add(new Interaction(user, user * 97 % catalog.size() + 1, EventType.VIEW_PRODUCT, 1.0, time, user));
        }
        final CountingState state = new CountingState(InMemoryState.build(events, catalog, 100, GramSettings.DEFAULT));
        final ContentBasedRecommender cb = new ContentBasedRecommender(state);

        final Recommendation top = cb.recommend(1, 10, Exclusion.NONE);

        assertTrue(state.popularityReads.get() <= 2 * PRODUCTS_PER_LEAF,
                "popularity read for " + state.popularityReads.get() + " of " + catalog.size() + " products");
        final List<ScoredProduct> full = cb.rankCatalog(1, Exclusion.NONE);
        assertEquals(full.subList(0, 10), top.products());
    }

    @Test
    void shouldReadAboutTwiceNProductsOfATierHoweverLargeItsGroups() {
        // 2 roots x 3 leaves x 2,000 products: the user's leaf is one group of 2,000 products
        final List<Product> catalog = new ArrayList<>();
        long id = 1;
        for (int root = 0; root < 2; root++) {
            for (int leaf = 0; leaf < 3; leaf++) {
                for (int p = 0; p < 2_000; p++) {
                    catalog.add(new Product(id++, "p", "Root " + root + ";Leaf " + root + "-" + leaf, 1.0, null));
                }
            }
        }
        final List<Interaction> events = new ArrayList<>();
        final LocalDateTime time = LocalDateTime.parse("2021-01-01T00:00:00");
        events.add(new Interaction(1, 7, EventType.BUY_PRODUCT, 2.0, time, 1));
        // popularity spread over the user's leaf (products 1..2,000) and the rest, unevenly
        for (long user = 2; user < 3_000; user++) {
            events.add(new Interaction(user, user * 7_919 % 2_000 + 1, EventType.VIEW_PRODUCT, 1.0, time, user));
            events.add(new Interaction(user, user * 104_729 % catalog.size() + 1, EventType.VIEW_PRODUCT, 1.0, time,
                    user));
        }
        final CountingState state = new CountingState(InMemoryState.build(events, catalog, 100, GramSettings.DEFAULT));
        final ContentBasedRecommender cb = new ContentBasedRecommender(state);
        state.popularityOrder();

        final Recommendation top = cb.recommend(1, 10, Exclusion.PURCHASED);

        // the user's leaf is the best tier: 2 x 10 candidates of its 2,000, plus the top-K list's fill
        assertTrue(state.popularityReads.get() <= 2 * 10 + 10,
                "popularity read for " + state.popularityReads.get() + " products of a group of 2,000");
        final List<ScoredProduct> full = cb.rankCatalog(1, Exclusion.PURCHASED);
        assertEquals(full.subList(0, 10), top.products());
        assertTrue(top.products().stream().noneMatch(p -> p.productId() == 7), "the purchase is left out");
    }

    /** Counts the popularity lookups a model makes. */
    private static final class CountingState implements RecoStateView {
        private final RecoStateView inner;
        private final AtomicLong popularityReads = new AtomicLong();

        CountingState(final RecoStateView inner) {
            this.inner = inner;
        }

        @Override
        public List<UserInteraction> interactions(final long userId) {
            return inner.interactions(userId);
        }

        @Override
        public double popularity(final long productId) {
            popularityReads.incrementAndGet();
            return inner.popularity(productId);
        }

        @Override
        public List<ScoredProduct> topPopular() {
            return inner.topPopular();
        }

        @Override
        public ItemGram itemGram() {
            return inner.itemGram();
        }

        @Override
        public ContentIndex content() {
            return inner.content();
        }

        @Override
        public Postings postings() {
            return inner.postings();
        }

        /** Built once and kept by the state, as a serving view does: not a per-request cost. */
        @Override
        public PopularityOrder popularityOrder() {
            return inner.popularityOrder();
        }
    }
}
