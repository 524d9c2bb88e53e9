package dev.shopreco.api.reco;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When refits may run: four times their duration apart on live input, twenty times while the input lags. */
class RefitPacingTest {

    @Test
    void shouldPauseFourTimesARefitsDurationOnLiveInput() {
        final RefitPacing pacing = new RefitPacing(10_000, () -> 9_999);
        assertTrue(pacing.due(0), "the first refit is due at once");
        pacing.fitted(10_000, 1_000);
        assertFalse(pacing.due(13_999));
        assertTrue(pacing.due(14_000));
    }

    @Test
    void shouldPauseTwentyTimesWhileTheInputLagsAndFourOnceItCaughtUp() {
        final AtomicLong waiting = new AtomicLong(5_000_000);
        final RefitPacing pacing = new RefitPacing(10_000, waiting::get);
        assertTrue(pacing.due(0), "the first refit is never held back by a backlog");
        pacing.fitted(10_000, 1_000);
        assertFalse(pacing.due(14_000), "catching up");
        assertFalse(pacing.due(29_999), "catching up");
        assertTrue(pacing.due(30_000));
        waiting.set(200);
        assertTrue(pacing.due(14_000), "caught up: the live pause applies at the next look");
    }

    @Test
    void shouldIgnoreTheBacklogWhenTheThresholdIsZero() {
        final RefitPacing pacing = new RefitPacing(0, () -> Long.MAX_VALUE);
        pacing.fitted(0, 1_000);
        assertTrue(pacing.due(4_000));
        assertThrows(IllegalArgumentException.class, () -> new RefitPacing(-1, () -> 0));
    }
}
