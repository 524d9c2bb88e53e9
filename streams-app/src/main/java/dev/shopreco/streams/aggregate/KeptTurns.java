package dev.shopreco.streams.aggregate;

import java.util.Objects;

/**
 * Takes turns among the tasks of one process at re-applying a changed kept set
 * ({@link UserInteractionAggregator}): one at a time, and no other task within {@link #SPACING_NANOS} of
 * the end of the last turn. A re-application scans the task's windows and holds its stream thread, and
 * so the thread's open transaction, for as long as it runs; the tasks of a thread punctuate one after
 * the other in one pass of its loop, before the commit, so without turns every task of the thread
 * would add its scan to the same transaction, whose time is bounded by the producers' transaction
 * timeout. A task refused a turn tries again on its next flush, after its thread has committed. The
 * task that had the last turn may take the next at once: its own scans never share a pass of the
 * loop.
 *
 * <p>Thread-safe: the tasks of every stream thread of the process share one.
 */
public final class KeptTurns {

    /** Time after the end of a turn before another task may start one: longer than a pass of the loop. */
    static final long SPACING_NANOS = 1_000_000_000L;

    private boolean running;
    private Object lastTask;
    private long lastEnded;

    /** Whether {@code task} may re-apply now ({@link System#nanoTime}); if so it must call {@link #end} when done. */
    public synchronized boolean tryStart(final Object task, final long nowNanos) {
        if (running || lastTask != null && !Objects.equals(lastTask, task) && nowNanos - lastEnded < SPACING_NANOS) {
            return false;
        }
        running = true;
        lastTask = task;
        return true;
    }

    /** Ends the turn {@link #tryStart} gave. */
    public synchronized void end(final long nowNanos) {
        lastEnded = nowNanos;
        running = false;
    }
}
