package dev.shopreco.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class KeptTurnsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final TaskId FIRST = new TaskId(9, 0);
    private static final TaskId SECOND_TASK = new TaskId(9, 1);

    @Test
    void shouldGiveOneTurnAtATimeAndNoOtherTaskOneRightAfterTheLast() {
        final KeptTurns turns = new KeptTurns();
        assertTrue(turns.tryStart(FIRST, 0), "the first turn is free");
        assertFalse(turns.tryStart(SECOND_TASK, 5 * SECOND), "one task re-applies: the others wait");
        turns.end(20 * SECOND);
        // the next task of the same pass of the loop would put a second scan into the same transaction
        assertFalse(turns.tryStart(SECOND_TASK, 20 * SECOND + 1_000_000), "right after the last turn");
        assertTrue(turns.tryStart(SECOND_TASK, 20 * SECOND + KeptTurns.SPACING_NANOS),
                "once the thread has had time to commit");
        turns.end(30 * SECOND);
        assertTrue(turns.tryStart(SECOND_TASK, 30 * SECOND + 1), "the last task's own next turn is never held back");
    }

    @Test
    void shouldGiveAFreeTurnWhateverTheClockReads() {
        // System.nanoTime() may be negative: a turn before any other is never refused
        assertTrue(new KeptTurns().tryStart(FIRST, Long.MIN_VALUE + 1));
    }
}
