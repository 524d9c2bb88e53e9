package dev.shopreco.api.health;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** The times stream threads failed (and were replaced), kept for one window. Thread-safe. */
public final class ThreadFailures {

    private final Duration window;
    private final Deque<Long> times = new ArrayDeque<>();
    private long total;

    public ThreadFailures(final Duration window) {
        this.window = window;
    }

    /** Records a failure at {@code nowMillis}. */
    public synchronized void failed(final long nowMillis) {
        times.addLast(nowMillis);
        total++;
        forgetBefore(nowMillis);
    }

    /** Failures within the window that ends at {@code nowMillis}. */
    public synchronized int recent(final long nowMillis) {
        forgetBefore(nowMillis);
        return times.size();
    }

    /** Failures since the start. */
    public synchronized long total() {
        return total;
    }

    private void forgetBefore(final long nowMillis) {
        while (!times.isEmpty() && times.peekFirst() <= nowMillis - window.toMillis()) {
            times.removeFirst();
        }
    }
}
