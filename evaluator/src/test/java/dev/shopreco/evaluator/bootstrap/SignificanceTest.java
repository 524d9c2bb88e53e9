package dev.shopreco.evaluator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.evaluator.metrics.Curves;
import dev.shopreco.evaluator.metrics.MetricKeys;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which differences are computed and against whom, on figures built so that every difference is
 * a constant per user: POPULARITY scores 0 or 0.5 (alternating users), HYBRID exactly the same,
 * EASE 0.25 more, USER_KNN 0.125 more.
 */
class SignificanceTest {

    private static final int K = 10;
    private static final List<String> MODELS = List.of("POPULARITY", "HYBRID", "EASE", "USER_KNN");
    private static final double[] SHIFT = {0, 0, 0.25, 0.125};

    private static Curves flat(final double value) {
        final double[] curve = new double[K];
        Arrays.fill(curve, value);
        return new Curves(curve, curve.clone(), new double[K]);
    }

    private static UserFigures figures(final int users) {
        final UserFigures figures = new UserFigures(MODELS, users, K);
        for (int u = 0; u < users; u++) {
            for (int m = 0; m < MODELS.size(); m++) {
                figures.put(u, m, flat((u % 2) * 0.5 + SHIFT[m]), 1);
            }
        }
        return figures;
    }

    private static Significance significance() {
        final Map<String, UserFigures> populations = new LinkedHashMap<>();
        populations.put("", figures(40));
        populations.put(MetricKeys.NEW, figures(30));
        return Significance.of(BootstrapSettings.defaults(1), K, populations, Set.of("POPULARITY", "HYBRID"));
    }

    @Test
    void shouldCompareEveryServedModelWithPopularityAndTheBestOfflineBaselineAndTheBaselinesAmongThemselves() {
        final Significance significance = significance();

        assertEquals(Map.of("", "EASE", MetricKeys.NEW, "EASE"), significance.bestBaseline(), "EASE has the higher NDCG");
        final Difference same = significance.difference("HYBRID", "POPULARITY", "ndcg@10");
        assertEquals(0.0, same.difference());
        assertEquals(new Interval(0, 0), same.interval(), "the same lists: a zero-width interval at 0");
        final Difference behind = significance.difference("HYBRID", "EASE", "recall@10:new");
        assertEquals(-0.25, behind.difference(), 1e-12);
        assertEquals(-0.25, behind.interval().low(), 1e-12);
        assertEquals(-0.25, behind.interval().high(), 1e-12);
        assertEquals(Interval.Sign.BELOW_ZERO, behind.interval().sign());
        final Difference baselines = significance.difference("USER_KNN", "EASE", "ndcg@10");
        assertEquals(-0.125, baselines.interval().low(), 1e-12);
        assertEquals(-0.125, baselines.interval().high(), 1e-12);
        // 2 variants x 2 metrics x (HYBRID - POPULARITY, HYBRID - EASE, POPULARITY - EASE, USER_KNN - EASE)
        assertEquals(16, significance.differences().size());
        assertNull(significance.difference("POPULARITY", "POPULARITY", "ndcg@10"), "not against itself");
        assertNull(significance.difference("USER_KNN", "POPULARITY", "ndcg@10"), "baselines are the bar, not compared");
        assertNull(significance.difference("EASE", "USER_KNN", "ndcg@10"), "each pair once, in report order");
    }

    @Test
    void shouldGiveEveryModelAnIntervalAtEveryKAroundItsFigure() {
        final Significance significance = significance();

        assertEquals(Map.of("", 40, MetricKeys.NEW, 30), significance.users());
        for (final String model : MODELS) {
            for (final String key : List.of("recall@10", "ndcg@10", "recall@10:new", "ndcg@10:new")) {
                final Interval interval = significance.interval(model, key);
                final double mean = 0.25 + SHIFT[MODELS.indexOf(model)];
                assertTrue(interval.low() < mean && mean < interval.high(), model + " " + key + " " + interval);
                assertTrue(interval.width() < 0.3, "half the users score 0.5 more: " + interval);
            }
            assertEquals(K, significance.curves().get(model).get("ndcg@k:new").length);
        }
    }

    @Test
    void shouldResampleTheVariantsIndependently() {
        final Significance significance = significance();

        // same figures per user, different populations and seeds: different intervals
        final Interval all = significance.interval("POPULARITY", "ndcg@10");
        final Interval fresh = significance.interval("POPULARITY", "ndcg@10:new");
        assertTrue(!all.equals(fresh), all + " " + fresh);
    }
}
