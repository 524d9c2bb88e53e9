package dev.shopreco.streams.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed values (worked out with the formulas in the comments, z = 1.959964). */
class AbStatisticsTest {

    @Test
    void shouldGiveTheWilsonIntervalOfHalf() {
        // p = .5, n = 100: centre .5, half = z/(1+z²/n) * sqrt(p(1-p)/n + z²/4n²) = 1.887454 * 0.0509513
        final AbStatistics.Proportion p = AbStatistics.wilson(50, 100);
        assertEquals(0.5, p.rate(), 1e-12);
        assertEquals(0.403832, p.low(), 1e-6);
        assertEquals(0.596168, p.high(), 1e-6);
    }

    @Test
    void shouldKeepTheWilsonIntervalAboveZeroWhenNothingSucceeded() {
        // 0/10: centre = (z²/20)/(1+z²/10) = 0.138767, half the same: [0, 0.277533]; the Wald interval would be [0, 0]
        final AbStatistics.Proportion p = AbStatistics.wilson(0, 10);
        assertEquals(0.0, p.low(), 1e-9);
        assertEquals(0.277533, p.high(), 1e-6);
    }

    @Test
    void shouldGiveAnAsymmetricWilsonIntervalForASmallRate() {
        // 3/200: p = .015, z²/n = .0192073; centre = (.015 + .00960365)/1.0192073 = .0241398;
        // half = 1.9230266 * sqrt(.0000738750 + .0000240092) = 1.9230266 * .0098936 = .0190256
        final AbStatistics.Proportion p = AbStatistics.wilson(3, 200);
        assertEquals(0.005114, p.low(), 1e-5);
        assertEquals(0.043165, p.high(), 1e-5);
        assertTrue(p.rate() - p.low() < p.high() - p.rate(), "skewed away from 0");
    }

    @Test
    void shouldRefuseMoreSuccessesThanTrials() {
        assertThrows(IllegalArgumentException.class, () -> AbStatistics.wilson(5, 4));
        assertEquals(new AbStatistics.Proportion(0, 0, 0.0, 0.0, 1.0), AbStatistics.wilson(0, 0));
    }

    @Test
    void shouldTestTheDifferenceOfTwoProportions() {
        // 60/100 vs 40/100: pooled .5, se = sqrt(.25 * .02) = .0707107, z = 2.828427, p = 2 * (1 - Phi(2.828427))
        final AbStatistics.Difference d = AbStatistics.twoProportion(60, 100, 40, 100);
        assertEquals(0.2, d.difference(), 1e-12);
        assertEquals(2.828427, d.z(), 1e-6);
        assertEquals(0.004678, d.pValue(), 1e-6);
        final AbStatistics.Difference reversed = AbStatistics.twoProportion(40, 100, 60, 100);
        assertEquals(-2.828427, reversed.z(), 1e-6);
        assertEquals(d.pValue(), reversed.pValue(), 1e-12);
    }

    @Test
    void shouldNotFindADifferenceWithoutData() {
        assertEquals(1.0, AbStatistics.twoProportion(0, 0, 5, 10).pValue());
        assertEquals(1.0, AbStatistics.twoProportion(0, 10, 0, 10).pValue());
        // 1/2 vs 1/2: z = 0
        assertEquals(1.0, AbStatistics.twoProportion(1, 2, 1, 2).pValue(), 1e-12);
    }

    @Test
    void shouldAcceptASplitCloseToTheWeights() {
        // 520/480 against 50/50: chi² = 2 * 20²/500 = 1.6, df 1, p = 0.205903
        final AbStatistics.SampleRatio srm = AbStatistics.sampleRatio(
                Map.of("A", 520L, "B", 480L), Map.of("A", 50.0, "B", 50.0));
        assertEquals(1.6, srm.chiSquared(), 1e-9);
        assertEquals(1, srm.degreesOfFreedom());
        assertEquals(0.205903, srm.pValue(), 1e-6);
    }

    @Test
    void shouldFlagASampleRatioMismatch() {
        // 600/400 against 50/50: chi² = 2 * 100²/500 = 40, p = 2.54e-10
        final AbStatistics.SampleRatio srm = AbStatistics.sampleRatio(
                Map.of("A", 600L, "B", 400L), Map.of("A", 1.0, "B", 1.0));
        assertEquals(40.0, srm.chiSquared(), 1e-9);
        assertTrue(srm.pValue() < 1e-9 && srm.pValue() > 1e-11, "p = " + srm.pValue());
    }

    @Test
    void shouldUseUnequalWeightsAndThreeArms() {
        // weights 1:1:2, 100/120/180 of 400: expected 100/100/200, chi² = 0 + 4 + 2 = 6, df 2, p = exp(-3)
        final Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("A", 25.0);
        weights.put("B", 25.0);
        weights.put("C", 50.0);
        final AbStatistics.SampleRatio srm = AbStatistics.sampleRatio(
                Map.of("A", 100L, "B", 120L, "C", 180L), weights);
        assertEquals(6.0, srm.chiSquared(), 1e-9);
        assertEquals(2, srm.degreesOfFreedom());
        assertEquals(Math.exp(-3), srm.pValue(), 1e-9);
    }

    @Test
    void shouldTreatUsersInAnUnweightedArmAsAMismatch() {
        final AbStatistics.SampleRatio srm = AbStatistics.sampleRatio(
                Map.of("A", 10L, "B", 10L, "OLD", 1L), Map.of("A", 1.0, "B", 1.0, "OLD", 0.0));
        assertEquals(0.0, srm.pValue());
        // an arm switched off and empty is no mismatch; a single arm cannot be tested
        assertEquals(1.6, AbStatistics.sampleRatio(Map.of("A", 520L, "B", 480L),
                Map.of("A", 1.0, "B", 1.0, "OLD", 0.0)).chiSquared(), 1e-9);
        assertEquals(1.0, AbStatistics.sampleRatio(Map.of("A", 10L), Map.of("A", 1.0)).pValue());
    }
}
