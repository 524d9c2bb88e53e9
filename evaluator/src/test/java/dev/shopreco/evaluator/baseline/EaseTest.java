package dev.shopreco.evaluator.baseline;

import static dev.shopreco.evaluator.Fixtures.buy;
import static dev.shopreco.evaluator.Fixtures.product;
import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.evaluator.baseline.Baselines.EaseSetting;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EaseTest {

    private static final double EPS = 1e-12;

    /**
     * X (binary; columns 1002, 1003, 1004): 101 = (1, 1, 0), 102 = (0, 1, 1), 103 = (1, 1, 1),
     * 104 = (1, 0, 0). 1001 (and 1005..1007) are in the catalog but nobody touched them. With λ = 1:
     * XᵀX + I = [[4, 2, 1], [2, 4, 2], [1, 2, 3]], determinant 24, so
     * P = [[8, -4, 0], [-4, 11, -6], [0, -6, 12]] / 24 and B[i][j] = -P[i][j] / P[j][j]:
     * B = [[0, 4/11, 0], [1/2, 0, 1/2], [0, 6/11, 0]] (checked with exact fractions).
     */
    private static final double[][] GRAM = {{3, 2, 1}, {2, 3, 2}, {1, 2, 2}};
    private static final double[][] B = {{0, 4.0 / 11, 0}, {0.5, 0, 0.5}, {0, 6.0 / 11, 0}};

    private static TrainingSet training(final List<Interaction> rows) {
        final Map<Long, Product> catalog = new TreeMap<>();
        for (long id = 1001; id <= 1007; id++) {
            catalog.put(id, product(id, "A;a" + id));
        }
        return TrainingSet.of(rows, catalog, 1);
    }

    private static TrainingSet tiny() {
        return training(List.of(view(101, 1002, 0), view(101, 1003, 1), view(102, 1003, 2), view(102, 1004, 3),
                view(103, 1002, 4), view(103, 1003, 5), view(103, 1004, 6), view(104, 1002, 7)));
    }

    private static List<Long> ids(final Recommendation recommendation) {
        return recommendation.productIds();
    }

    private static Map<Long, Double> scores(final List<ScoredProduct> ranked) {
        final Map<Long, Double> scores = new TreeMap<>();
        ranked.forEach(p -> scores.put(p.productId(), p.score()));
        return scores;
    }

    @Test
    void shouldMatchTheClosedFormComputedWithExactFractions() {
        final double[][] b = Ease.weights(GRAM, 1.0);

        for (int i = 0; i < 3; i++) {
            assertArrayEquals(B[i], b[i], EPS, "row " + i);
        }
    }

    @Test
    void shouldBuildTheGramMatrixFromTheTrainingStrengths() {
        final StrengthMatrix x = StrengthMatrix.of(tiny().state(), Weighting.BINARY);

        assertEquals(4, x.rows());
        assertEquals(3, x.columns(), "1001 was never touched: no column");
        assertEquals(-1, x.column(1001));
        final double[][] gram = x.gram();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(GRAM[i], gram[i], EPS);
        }
    }

    @Test
    void shouldScoreEachUserAsTheirRowOfXTimesB() {
        final Recommender ease = Baselines.ease(tiny(), new EaseSetting(Weighting.BINARY, 1.0));

        // 101 = (1, 1, 0): (0 + 1/2, 4/11 + 0, 0 + 1/2); 1001 has no column: 0
        final Map<Long, Double> scores = scores(ease.rank(101, List.of(1001L, 1002L, 1003L, 1004L)));
        assertEquals(0.5, scores.get(1002L), EPS);
        assertEquals(4.0 / 11, scores.get(1003L), EPS);
        assertEquals(0.5, scores.get(1004L), EPS);
        assertEquals(0.0, scores.get(1001L), 0.0);
        // 103 = (1, 1, 1): (1/2, 10/11, 1/2)
        assertEquals(10.0 / 11, ease.rank(103, List.of(1003L)).get(0).score(), EPS);
    }

    /**
     * Ties must be exact to be broken, and round-off turns some exact zeros of B into ±1e-17 (B[0][2]
     * above), so this case adds a second block of products nobody in the first block touched, whose
     * weights towards the first block are exactly 0: 106 = {1005, 1006}, 107 = {1006}; 1001 and 1007
     * are untouched. Block (1005, 1006): XᵀX + I = [[2, 1], [1, 3]], P = [[3, -1], [-1, 2]] / 5,
     * B[1006][1005] = (1/5) / (3/5) = 1/3.
     */
    @Test
    void shouldBreakTiesAmongZeroScoresByPopularityThenId() {
        final List<Interaction> rows = new ArrayList<>(tiny().interactions());
        rows.addAll(List.of(view(106, 1005, 8), view(106, 1006, 9), view(107, 1006, 10)));
        final Recommender ease = Baselines.ease(training(rows), new EaseSetting(Weighting.BINARY, 1.0));

        final Recommendation fresh = ease.recommend(107, 10, Exclusion.INTERACTED);
        // then score 0: 1002 and 1003 (popularity 3, by id), 1004 (2), 1001 and 1007 (untouched, by id)
        assertEquals(List.of(1005L, 1002L, 1003L, 1004L, 1001L, 1007L), ids(fresh));
        assertEquals(1.0 / 3, fresh.products().get(0).score(), EPS);
        assertFalse(fresh.fallback());
    }

    @Test
    void shouldServeTheFlaggedPopularityListToAnUnknownUser() {
        final Recommendation unknown = Baselines.ease(tiny(), new EaseSetting(Weighting.BINARY, 1.0))
                .recommend(999, 3, Exclusion.NONE);

        assertTrue(unknown.fallback());
        assertEquals(List.of(1002L, 1003L, 1004L), ids(unknown), "popularity 3, 3, 2; ties by id");
    }

    @Test
    void shouldWeighPairsBySmoothedStrengthOrByOne() {
        // 101 viewed 1002 twice and bought 1003: raw sums 2 and 2, s = log2(3) for both
        final TrainingSet set = training(List.of(view(101, 1002, 0), view(101, 1002, 1), buy(101, 1003, 2)));

        final StrengthMatrix log = StrengthMatrix.of(set.state(), Weighting.LOG);
        final StrengthMatrix binary = StrengthMatrix.of(set.state(), Weighting.BINARY);
        final double log2of3 = Math.log(3) / Math.log(2);
        assertArrayEquals(new double[] {log2of3, log2of3}, log.valuesOf(0), EPS);
        assertArrayEquals(new double[] {1, 1}, binary.valuesOf(0), 0.0);
    }

    @Test
    void shouldRefuseAMatrixThatIsNotPositiveDefinite() {
        // eigenvalues 3 and -1: no λ this small makes it positive definite
        assertThrows(IllegalArgumentException.class, () -> Ease.weights(new double[][] {{1, 2}, {2, 1}}, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> Ease.weights(GRAM, 0.0), "λ must be positive");
    }
}
