package dev.shopreco.streams.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.support.TopologyFixture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Similar products over the topology's live stores, and alike over the batch reference's state. */
class SimilarProductsTest {

    private final TopologyFixture fixture = new TopologyFixture();
    private RecoStateView streaming;
    private ReferenceResult reference;
    private SimilarProducts live;

    @BeforeEach
    void events() {
        fixture.product(1001, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1002, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1003, "Gry i konsole;Gry na konsole;Gry PlayStation3")
                .product(1004, "Gry i konsole;Gry komputerowe")
                .product(1005, "Komputery;Monitory;Monitory LCD")
                .product(1006, "Komputery;Monitory;Monitory LCD")
                .product(1007, "Telefony i akcesoria;Telefony komórkowe")
                .product(1008, "Telefony i akcesoria;Telefony komórkowe")
                // 1001 and 1006 go together (three users); 1001 and 1007 once; nobody touches 1008
                .view(1, "2021-01-04T10:00:00", 201L, 1001)
                .view(1, "2021-01-04T10:00:10", 201L, 1006)
                .view(2, "2021-01-04T10:01:00", 202L, 1001)
                .buy(2, "2021-01-04T10:01:10", 202L, 1006)
                .view(3, "2021-01-04T10:02:00", 203L, 1001)
                .view(3, "2021-01-04T10:02:10", 203L, 1006)
                .view(3, "2021-01-04T10:02:20", 203L, 1007)
                .view(4, "2021-01-04T10:03:00", 204L, 1002)
                .view(4, "2021-01-04T10:03:10", 204L, 1003)
                .view(5, "2021-01-04T10:04:00", 205L, 1005);
        streaming = fixture.state();
        reference = fixture.assertMatchesReference();
        live = similar(streaming);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static SimilarProducts similar(final RecoStateView state) {
        return new SimilarProducts(state, ModelSettings.DEFAULT,
                ItemEaseFits.lazy(state, ModelSettings.DEFAULT.itemEase().maxProducts()));
    }

    @Test
    void shouldRankByCategoryCosineForContent() {
        final SimilarProducts.Similar similar = live.similar(Recommenders.CONTENT_BASE, 1001, 7, ProductFilter.NONE);
        assertFalse(similar.fallback());
        // the same category, then two levels shared, then one, then nothing shared (score 0, by popularity)
        assertEquals(1002L, similar.productIds().get(0));
        assertEquals(1003L, similar.productIds().get(1));
        assertEquals(1004L, similar.productIds().get(2));
        assertEquals(7, similar.products().size());
        assertFalse(similar.productIds().contains(1001L), "never the product itself");
        final List<ScoredProduct> scored = similar.products();
        for (int i = 1; i < scored.size(); i++) {
            assertTrue(scored.get(i - 1).score() >= scored.get(i).score(), scored.toString());
        }
        assertEquals(1.0, scored.get(0).score(), 1e-9, "identical category vectors");
    }

    @Test
    void shouldFollowTheEaseWeightsForItemEase() {
        final ItemEaseFit fit = ItemEaseFit.fit(streaming.itemGram(), ModelSettings.DEFAULT.itemEase().all().weighting(),
                ModelSettings.DEFAULT.itemEase().maxProducts(), ModelSettings.DEFAULT.itemEase().all().lambda());
        final List<Long> expected = new ArrayList<>(fit.neighbours(1001).entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList());
        assertTrue(expected.size() >= 1 && expected.get(0) == 1006L, "fixture: 1006 goes with 1001 " + expected);
        final SimilarProducts.Similar similar = live.similar(Recommenders.ITEM_EASE, 1001, expected.size(),
                ProductFilter.NONE);
        assertFalse(similar.fallback());
        assertEquals(expected, similar.productIds());
    }

    @Test
    void shouldFallBackToPopularityWithoutSignal() {
        final SimilarProducts.Similar untouched = live.similar(Recommenders.ITEM_EASE, 1008, 3, ProductFilter.NONE);
        assertTrue(untouched.fallback(), "nobody touched 1008: no EASE weights");
        final List<Long> popular = new PopularityRecommender(streaming).recommend(999, 4, Exclusion.NONE).productIds()
                .stream().filter(p -> p != 1008L).limit(3).toList();
        assertEquals(popular, untouched.productIds());
        assertFalse(live.similar(Recommenders.HYBRID, 1008, 3, ProductFilter.NONE).fallback(),
                "HYBRID still has the category");
        assertNull(live.similar(Recommenders.HYBRID, 4242, 3, ProductFilter.NONE), "not in the catalog");
    }

    @Test
    void shouldBlendForHybridAndPassTheFilter() {
        final SimilarProducts.Similar hybrid = live.similar(Recommenders.HYBRID, 1001, 5, ProductFilter.NONE);
        assertFalse(hybrid.fallback());
        assertEquals(5, hybrid.products().size());
        assertFalse(hybrid.productIds().contains(1001L));
        // 1006 shares no category level with 1001 but goes with it in three users' histories
        assertTrue(hybrid.productIds().indexOf(1006L) >= 0 && hybrid.productIds().indexOf(1006L) < 3,
                hybrid.toString());
        final ProductFilter monitors = ProductFilter.of("monitory", Set.of(1006L));
        for (final String model : SimilarProducts.models()) {
            assertEquals(List.of(1005L), live.similar(model, 1001, 5, monitors).productIds(), model);
        }
    }

    @Test
    void shouldAnswerAlikeOverStreamingAndBatchState() {
        final SimilarProducts batch = similar(reference.state());
        for (final String model : SimilarProducts.models()) {
            for (long product = 1001; product <= 1008; product++) {
                assertEquals(batch.similar(model, product, 6, ProductFilter.NONE),
                        live.similar(model, product, 6, ProductFilter.NONE), model + " " + product);
            }
        }
    }
}
