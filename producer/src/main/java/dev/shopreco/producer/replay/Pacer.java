package dev.shopreco.producer.replay;

import dev.shopreco.producer.replay.Replayer.ReplayException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** Paces events at a multiple of real time, from the first event on; with speed 0 it never waits. */
final class Pacer {

    private final double speed;
    private LocalDateTime firstEvent;
    private long firstNanos;

    Pacer(final double speed) {
        this.speed = speed;
    }

    /** Waits until the event at {@code time} is due; runs {@code beforeWaiting} first if it has to wait. */
    void await(final LocalDateTime time, final Runnable beforeWaiting) {
        if (speed <= 0) {
            return;
        }
        if (firstEvent == null) {
            firstEvent = time;
            firstNanos = System.nanoTime();
            return;
        }
        final long due = firstNanos + (long) (ChronoUnit.NANOS.between(firstEvent, time) / speed);
        if (due - System.nanoTime() > 0) {
            beforeWaiting.run();
        }
        final long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException("Replay interrupted", e);
            }
        }
    }
}
