package dev.shopreco.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    private final Experiment seed = new Experiment("seed",
            new ThresholdRule(550, Variant.parse("CONTENT_BASE"), Variant.parse("POPULARITY")));

    @Test
    void shouldServeContentBasedAboveTheSeedsThresholdAndPopularityUpToIt() {
        assertEquals(new Assignment("seed", "threshold", "POPULARITY", "POPULARITY"), seed.assign(101));
        assertEquals("POPULARITY", seed.assign(550).model());
        assertEquals("CONTENT_BASE", seed.assign(551).model());
        assertEquals("CONTENT_BASE", seed.assign(1_000_000).model());
        assertEquals("POPULARITY", seed.assign(0).model());
    }

    @Test
    void shouldParseNamedVariantsAndUpperCaseModels() {
        assertEquals(new Variant("treatment", "CONTENT_BASE"), Variant.parse(" treatment : content_base "));
        assertEquals(new Variant("RANDOM", "RANDOM"), Variant.parse("random"));
    }
}
