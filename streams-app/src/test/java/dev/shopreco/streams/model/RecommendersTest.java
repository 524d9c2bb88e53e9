package dev.shopreco.streams.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.support.TopologyFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The models over the topology's live stores (a {@code TopologyTestDriver}), checked for their
 * behaviour and against the same models over the batch reference's in-memory state.
 */
class RecommendersTest {

    private final TopologyFixture fixture = new TopologyFixture();
    private RecoStateView streaming;
    private ReferenceResult reference;

    @BeforeEach
    void events() {
        fixture.product(1001, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1002, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1003, "Gry i konsole;Gry na konsole;Gry PlayStation3")
                .product(1004, "Gry i konsole;Gry komputerowe")
                .product(1005, "Komputery;Monitory;Monitory LCD")
                .product(1006, "Komputery;Monitory;Monitory LCD")
                .product(1007, "Telefony i akcesoria;Telefony komórkowe")
                .view(1, "2021-01-04T10:00:00", 201L, 1001)
                .view(2, "2021-01-04T10:01:00", 202L, 1002)
                .view(2, "2021-01-04T10:02:00", 202L, 1002)
                .view(3, "2021-01-04T10:03:00", 203L, 1002)
                .view(4, "2021-01-04T10:04:00", 204L, 1006)
                .buy(5, "2021-01-04T10:05:00", 205L, 1001)
                .view(5, "2021-01-04T10:06:00", 205L, 1002);
        streaming = fixture.state();
        reference = fixture.assertMatchesReference();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldBreakContentBasedTiesByPopularityThenProductId() {
        final Recommender cb = new ContentBasedRecommender(streaming);
        // 1001 and 1002 share the user's category (score 1): the more popular 1002 first; then the other
        // console game, the PC game, and the products sharing nothing, by popularity then id
        final List<Long> expected = List.of(1002L, 1001L, 1003L, 1004L, 1006L, 1005L, 1007L);
        assertEquals(expected, cb.recommend(201, 7, Exclusion.NONE).productIds());
        assertEquals(expected, cb.rankCatalog(201, Exclusion.NONE).stream().map(ScoredProduct::productId).toList());
        assertEquals(List.of(1001L, 1004L), cb.rank(201, List.of(1004L, 1001L)).stream()
                .map(ScoredProduct::productId).toList());
    }

    @Test
    void shouldExcludeBoughtProductsWhenAsked() {
        for (final Recommender model : Recommenders.all(streaming, 1).values()) {
            assertTrue(model.recommend(205, 7, Exclusion.NONE).productIds().contains(1001L), model.name());
            assertFalse(model.recommend(205, 7, Exclusion.PURCHASED).productIds().contains(1001L), model.name());
            assertTrue(model.recommend(205, 7, Exclusion.PURCHASED).productIds().contains(1002L), model.name());
            assertFalse(model.recommend(205, 7, Exclusion.INTERACTED).productIds().contains(1002L), model.name());
            assertEquals(6, model.recommend(205, 7, Exclusion.PURCHASED).products().size(), model.name());
        }
    }

    @Test
    void shouldServeThePopularityListAsAFallbackToColdStartUsers() {
        final List<Long> popular = new PopularityRecommender(streaming).recommend(999, 3, Exclusion.NONE)
                .productIds();
        assertEquals(List.of(1002L, 1001L, 1006L), popular);
        for (final Recommender model : Recommenders.all(streaming, 1).values()) {
            final Recommendation answer = model.recommend(999, 3, Exclusion.PURCHASED);
            assertTrue(answer.fallback(), model.name());
            assertEquals(popular, answer.productIds(), model.name());
            assertFalse(model.recommend(201, 3, Exclusion.NONE).fallback(), model.name());
        }
    }

    @Test
    void shouldAnswerAlikeOverStreamingAndBatchState() {
        final Map<String, Recommender> live = Recommenders.all(streaming, 42);
        final Map<String, Recommender> batch = Recommenders.all(reference.state(), 42);
        for (final String name : Recommenders.names()) {
            for (final long user : List.of(201L, 202L, 203L, 204L, 205L, 999L)) {
                for (final Exclusion exclusion : Exclusion.values()) {
                    assertEquals(batch.get(name).recommend(user, 5, exclusion), live.get(name).recommend(user, 5,
                            exclusion), name + " for " + user + " " + exclusion);
                    assertEquals(batch.get(name).rankCatalog(user, exclusion), live.get(name).rankCatalog(user,
                            exclusion), name + " ranking for " + user);
                }
            }
        }
    }

    @Test
    void shouldRankCandidatesInTheOrderOfTheFullRanking() {
        for (final Recommender model : Recommenders.all(streaming, 3).values()) {
            final List<Long> full = model.rankCatalog(205, Exclusion.NONE).stream().map(ScoredProduct::productId)
                    .toList();
            final List<Long> some = model.rank(205, List.of(1007L, 1003L, 1001L)).stream()
                    .map(ScoredProduct::productId).toList();
            assertEquals(full.stream().filter(some::contains).toList(), some, model.name());
        }
    }

    @Test
    void shouldDrawARandomOrderFixedPerUserAndSeed() {
        final Recommender random = Recommenders.create("random", streaming, 5);
        assertEquals(random.rankCatalog(201, Exclusion.NONE), random.rankCatalog(201, Exclusion.NONE));
        assertEquals(random.rankCatalog(201, Exclusion.NONE),
                Recommenders.create(Recommenders.RANDOM, reference.state(), 5).rankCatalog(201, Exclusion.NONE));
        final List<List<Long>> orders = List.of(201L, 202L, 203L, 204L, 205L).stream()
                .map(u -> random.rankCatalog(u, Exclusion.NONE).stream().map(ScoredProduct::productId).toList())
                .distinct().toList();
        assertTrue(orders.size() > 1, "users get different orders");
        final Recommender shared = new RandomRecommender(streaming, 5, false);
        assertEquals(shared.rankCatalog(201, Exclusion.NONE).stream().map(ScoredProduct::productId).toList(),
                shared.rankCatalog(202, Exclusion.NONE).stream().map(ScoredProduct::productId).toList(),
                "without per-user seeding every user gets the same permutation");
    }

    @Test
    void shouldServeTheHeadOfTheFullRandomOrderWithoutTheExcludedProducts() {
        final Recommender random = Recommenders.create(Recommenders.RANDOM, streaming, 5);
        for (final long user : List.of(201L, 202L, 203L)) {
            final List<ScoredProduct> full = random.rankCatalog(user, Exclusion.INTERACTED);
            assertEquals(streaming.content().size() - streaming.interactions(user).size(), full.size(),
                    "every catalog product but the user's own, each once");
            assertEquals(full.subList(0, 4), random.recommend(user, 4, Exclusion.INTERACTED).products());
        }
    }
}
