package dev.shopreco.evaluator.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurvesTest {

    private static final double EPS = 1e-12;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_5 = Math.log(5) / Math.log(2);

    @Test
    void shouldScoreAListAgainstSeveralRelevantProductsByHand() {
        // hits at ranks 2 and 4; one relevant product (9) is never listed
        final Curves c = Curves.of(List.of(1L, 2L, 3L, 4L), Set.of(2L, 4L, 9L), 4);

        assertArrayEquals(new double[] {0, 1.0 / 2, 1.0 / 3, 2.0 / 3}, c.recall(), EPS, "hits / min(K, 3)");
        final double dcg2 = 1 / LOG2_3;
        final double idcg2 = 1 + 1 / LOG2_3;
        final double dcg4 = 1 / LOG2_3 + 1 / LOG2_5;
        final double idcg4 = 1 + 1 / LOG2_3 + 0.5;
        assertArrayEquals(new double[] {0, dcg2 / idcg2, dcg2 / (1 + 1 / LOG2_3 + 0.5), dcg4 / idcg4}, c.ndcg(), EPS);
        // AP@K: precision at each hit (1/2 at rank 2, 2/4 at rank 4) over min(K, 3)
        assertArrayEquals(new double[] {0, 0.5 / 2, 0.5 / 3, (0.5 + 0.5) / 3}, c.ap(), EPS);
    }

    @Test
    void shouldReduceToTheHitIndicatorWithOneRelevantProduct() {
        final Curves c = Curves.of(List.of(5L, 7L, 3L), Set.of(3L), 5);

        assertArrayEquals(new double[] {0, 0, 1, 1, 1}, c.recall(), EPS);
        assertEquals(0.5, c.ndcg()[2], EPS, "1 / log2(3 + 1)");
        assertEquals(0.5, c.ndcg()[4], EPS);
        assertEquals(1.0 / 3, c.ap()[4], EPS, "precision at the hit, 1/3");
    }

    @Test
    void shouldScoreAPerfectListOneEvenWithMoreRelevantProductsThanK() {
        final Curves c = Curves.of(List.of(1L, 2L), Set.of(1L, 2L, 3L, 4L), 2);

        assertArrayEquals(new double[] {1, 1}, c.recall(), EPS);
        assertArrayEquals(new double[] {1, 1}, c.ndcg(), EPS);
        assertArrayEquals(new double[] {1, 1}, c.ap(), EPS);
    }

    @Test
    void shouldTreatPositionsBeyondAShortListAsMisses() {
        final Curves c = Curves.of(List.of(8L), Set.of(9L), 3);

        assertArrayEquals(new double[] {0, 0, 0}, c.recall(), EPS);
        assertArrayEquals(new double[] {0, 0, 0}, c.ndcg(), EPS);
    }

    @Test
    void shouldRefuseAnEmptyRelevantSet() {
        assertThrows(IllegalArgumentException.class, () -> Curves.of(List.of(1L), Set.of(), 1));
    }

    @Test
    void shouldAverageCurvesOverListsWhateverTheGrouping() {
        final Curves hit = Curves.of(List.of(1L), Set.of(1L), 2);
        final Curves miss = Curves.of(List.of(2L), Set.of(1L), 2);
        final CurveSum direct = new CurveSum(2);
        direct.add(hit);
        direct.add(miss);
        direct.add(miss);
        final CurveSum grouped = new CurveSum(2);
        final CurveSum part = new CurveSum(2);
        part.add(miss);
        part.add(miss);
        grouped.add(hit);
        grouped.add(part);

        assertEquals(3, grouped.count());
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, direct.mean().recall(), EPS);
        assertArrayEquals(direct.mean().ndcg(), grouped.mean().ndcg(), EPS);
        assertArrayEquals(new double[] {0, 0}, new CurveSum(2).mean().recall(), EPS, "no list: zeros, not NaN");
    }

    @Test
    void shouldCountCoverageOfTheTopKAndTheFallbackShare() {
        final ListTally tally = new ListTally(3, 2);
        tally.add(List.of(1L, 2L, 7L), Curves.of(List.of(1L, 2L, 7L), Set.of(1L), 3), false);
        tally.add(List.of(2L, 3L, 8L), Curves.of(List.of(2L, 3L, 8L), Set.of(1L), 3), true);

        assertEquals(0.3, tally.coverage(10), EPS, "{1, 2, 3} of 10; 7 and 8 are below K = 2");
        assertEquals(0.5, tally.fallbackShare(), EPS);
        assertEquals(0.5, tally.mean().recall()[0], EPS);
    }
}
