package dev.shopreco.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineTest {

    /** 1,000 records: nothing until 10 s, then 100 records/s for 5 s, then 25 records/s. */
    private static Timeline slowingDown() {
        final Timeline timeline = new Timeline(1_000);
        timeline.add(5, 0);
        timeline.add(10, 0);
        for (int s = 1; s <= 5; s++) {
            timeline.add(10 + s, 100L * s);
        }
        for (int s = 1; s <= 20; s++) {
            timeline.add(15 + s, 500 + 25L * s);
        }
        return timeline;
    }

    @Test
    void shouldMeasureTheFirstAndLastTenthFromTheStartOfProcessing() {
        final Timeline timeline = slowingDown();

        assertEquals(10, timeline.started(), 1e-9, "the last sample with nothing committed");
        assertEquals(100, timeline.firstTenth(), 1e-9);
        assertEquals(25, timeline.lastTenth(), 1e-9);
        assertEquals(1_000 / 25.0, timeline.overall(), 1e-9, "1,000 records from 10 s to 35 s");
    }

    @Test
    void shouldInterpolateBetweenSamples() {
        final Timeline timeline = new Timeline(1_000);
        timeline.add(0, 0);
        timeline.add(10, 400);

        assertEquals(2.5, timeline.reached(100), 1e-9);
        assertTrue(Double.isNaN(timeline.reached(401)), "not reached yet");
    }

    @Test
    void shouldReportARunStoppedBeforeTheEnd() {
        final Timeline timeline = new Timeline(10_000);
        timeline.add(0, 0);
        timeline.add(10, 1_000);
        timeline.add(20, 1_500);

        assertTrue(Double.isNaN(timeline.lastTenth()));
        assertTrue(Double.isNaN(timeline.overall()));
        assertEquals(100, timeline.firstTenth(), 1e-9);
        assertEquals(1_500 / 20.0, timeline.overallSoFar(), 1e-9);
        assertEquals(50, timeline.latestTenthSoFar(), 1e-9, "1,350 -> 1,500 between 17 s and 20 s");
        assertEquals(50, timeline.recent(10), 1e-9);
    }
}
