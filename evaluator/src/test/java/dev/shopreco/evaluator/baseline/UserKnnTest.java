package dev.shopreco.evaluator.baseline;

import static dev.shopreco.evaluator.Fixtures.buy;
import static dev.shopreco.evaluator.Fixtures.product;
import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.evaluator.baseline.Baselines.KnnSetting;
import dev.shopreco.evaluator.baseline.UserSimilarity.Neighbour;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UserKnnTest {

    private static final double EPS = 1e-12;
    private static final double SIM_101_102 = 2 / Math.sqrt(6);

    /**
     * Binary rows over A..F = 1001..1006: 101 = {A, B}, 102 = {A, B, C}, 103 = {B, D}, 104 = {E},
     * 105 = {B, F}. Cosines of 101: 102 = 2 / (√2 √3) = 2/√6 ≈ 0.816, 103 = 105 = 1 / (√2 √2) = 1/2,
     * 104 = 0 (not a neighbour).
     */
    private static TrainingSet training(final List<Interaction> rows) {
        final Map<Long, Product> catalog = new TreeMap<>();
        for (long id = 1001; id <= 1006; id++) {
            catalog.put(id, product(id, "A;a" + id));
        }
        return TrainingSet.of(rows, catalog, 1);
    }

    private static TrainingSet tiny() {
        return training(List.of(view(101, 1001, 0), view(101, 1002, 1), view(102, 1001, 2), view(102, 1002, 3),
                view(102, 1003, 4), view(103, 1002, 5), view(103, 1004, 6), view(104, 1005, 7),
                view(105, 1002, 8), view(105, 1006, 9)));
    }

    private static UserKnn knn(final int k) {
        return UserKnn.fit(StrengthMatrix.of(tiny().state(), Weighting.BINARY), k);
    }

    @Test
    void shouldKeepTheMostSimilarUsersWithTiesByUserId() {
        final UserKnn knn = knn(2);
        final List<Neighbour> neighbours = knn.neighbours(knn.matrix().row(101));

        assertEquals(List.of(102L, 103L), neighbours.stream().map(Neighbour::userId).toList(),
                "103 and 105 tie at 1/2: the lower id is kept");
        assertEquals(SIM_101_102, neighbours.get(0).similarity(), EPS);
        assertEquals(0.5, neighbours.get(1).similarity(), EPS);
        assertEquals(3, knn(10).neighbours(knn.matrix().row(101)).size(), "104 shares nothing: never a neighbour");
    }

    @Test
    void shouldSumTheNeighboursRowsWeightedBySimilarity() {
        final Recommender model = Baselines.userKnn(tiny(), new KnnSetting(Weighting.BINARY, 2));

        // k = 2: 102 (2/√6) and 103 (1/2): A = 2/√6, B = 2/√6 + 1/2, C = 2/√6, D = 1/2, E = F = 0
        final List<ScoredProduct> ranked = model.rank(101, List.of(1001L, 1002L, 1003L, 1004L, 1005L, 1006L));
        assertEquals(List.of(1002L, 1001L, 1003L, 1004L, 1005L, 1006L),
                ranked.stream().map(ScoredProduct::productId).toList(), "A and C tie: A is more popular");
        assertEquals(SIM_101_102 + 0.5, ranked.get(0).score(), EPS);
        assertEquals(SIM_101_102, ranked.get(1).score(), EPS);
        assertEquals(SIM_101_102, ranked.get(2).score(), EPS);
        assertEquals(0.5, ranked.get(3).score(), EPS);

        final Recommendation fresh = model.recommend(101, 10, Exclusion.INTERACTED);
        assertEquals(List.of(1003L, 1004L, 1005L, 1006L), fresh.productIds(),
                "E and F score 0 and are equally popular: by id");
        assertFalse(fresh.fallback());
    }

    @Test
    void shouldFlagAUserWithoutNeighboursAsAFallback() {
        final Recommendation lonely = Baselines.userKnn(tiny(), new KnnSetting(Weighting.BINARY, 2))
                .recommend(104, 3, Exclusion.INTERACTED);

        assertTrue(lonely.fallback(), "no other user touched E");
        assertEquals(List.of(1002L, 1001L, 1003L), lonely.productIds(), "the popularity order: B = 4, A = 2, then ids");
    }

    @Test
    void shouldUseTheSmoothedStrengthsWithTheLogWeighting() {
        // 101 bought A (s = log2 3) and viewed B (s = 1); 102 viewed A, B, C once each (s = 1)
        final TrainingSet set = training(List.of(buy(101, 1001, 0), view(101, 1002, 1), view(102, 1001, 2),
                view(102, 1002, 3), view(102, 1003, 4)));
        final UserKnn knn = UserKnn.fit(StrengthMatrix.of(set.state(), Weighting.LOG), 5);

        final double log2of3 = Math.log(3) / Math.log(2);
        final double expected = (log2of3 + 1) / (Math.sqrt(log2of3 * log2of3 + 1) * Math.sqrt(3));
        assertEquals(expected, knn.neighbours(knn.matrix().row(101)).get(0).similarity(), EPS);
        // 102's score for A is sim · s(101, A)
        assertEquals(expected * log2of3, knn.scores(knn.matrix().row(102))[knn.matrix().column(1001)], EPS);
    }
}
