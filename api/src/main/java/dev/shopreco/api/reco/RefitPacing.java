package dev.shopreco.api.reco;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When a background refit (ITEM_EASE, USER_KNN) may run: the refitter looks every refit interval,
 * and a refit is due once the pause since the previous one ended is at least {@link #PAUSE_PER_FIT_TIME}
 * times that refit's duration, so refits take at most a fifth of one core however large the state.
 * While at least {@code backlogThreshold} records wait in this instance's input (a replay, a restart
 * after downtime: {@code REFIT_BACKLOG}), the pause is {@link #PAUSE_PER_FIT_TIME_CATCHING_UP} times
 * the duration instead (at most a 21st of a core), leaving the cores to the stream threads that are
 * catching up; the first refit is never held back, and once the backlog is gone the usual pause
 * applies at the next look. {@link #start} runs the looks on the refitter's own thread, to which the
 * pacing is confined.
 */
final class RefitPacing {

    /** The pause after a refit, in multiples of its duration, on live input: at most 1 / (1 + 4) of a core. */
    static final int PAUSE_PER_FIT_TIME = 4;

    /** The pause after a refit while the input lags: at most 1 / (1 + 20) of a core. */
    static final int PAUSE_PER_FIT_TIME_CATCHING_UP = 20;

    private final long backlogThreshold;
    private final LongSupplier backlog;
    private long lastEndedAt;
    private long lastMillis = -1;

    /**
     * @param backlogThreshold records waiting in the input from which the instance counts as catching
     *                         up; 0: never
     * @param backlog          the records waiting in this instance's input now
     */
    RefitPacing(final long backlogThreshold, final LongSupplier backlog) {
        if (backlogThreshold < 0) {
            throw new IllegalArgumentException("REFIT_BACKLOG must be >= 0, got " + backlogThreshold);
        }
        this.backlogThreshold = backlogThreshold;
        this.backlog = backlog;
    }

    /**
     * Runs {@code refit} on a low-priority daemon thread named {@code threadName}: a look every
     * {@code intervalMillis} (the first after at most a second), a refit at each look it is
     * {@link #due}. {@code refit} reports each refit it makes with {@link #fitted}; shutting the
     * returned executor down stops the looks.
     */
    ScheduledExecutorService start(final String threadName, final long intervalMillis, final Runnable refit) {
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            if (due(System.nanoTime() / 1_000_000)) {
                refit.run();
            }
        }, Math.min(1000, intervalMillis), intervalMillis, TimeUnit.MILLISECONDS);
        return executor;
    }

    /**
     * A refit that started at {@code startNanos} ({@link System#nanoTime}) ended now.
     *
     * @return how long it took, in ms
     */
    long fittedSince(final long startNanos) {
        final long end = System.nanoTime();
        final long took = (end - startNanos) / 1_000_000;
        fitted(end / 1_000_000, took);
        return took;
    }

    /** When the next refit may come, for a log line: {@code next in N s or later}, and why it waits longer. */
    String next(final long intervalMillis) {
        return "next in " + Math.max(intervalMillis, pauseMillis()) / 1000 + " s or later"
                + (catchingUp() ? " (the input lags: a longer pause)" : "");
    }

    /** Whether the input lags by at least the threshold now. */
    boolean catchingUp() {
        return backlogThreshold > 0 && backlog.getAsLong() >= backlogThreshold;
    }

    /** The pause due after the last refit now (0 before the first). */
    long pauseMillis() {
        if (lastMillis < 0) {
            return 0;
        }
        return (catchingUp() ? PAUSE_PER_FIT_TIME_CATCHING_UP : PAUSE_PER_FIT_TIME) * lastMillis;
    }

    /** Whether a refit may start at {@code nowMillis} (monotonic ms, as given to {@link #fitted}). */
    boolean due(final long nowMillis) {
        return lastMillis < 0 || nowMillis - lastEndedAt >= pauseMillis();
    }

    /** A refit ended at {@code endedAtMillis} (monotonic ms) after {@code tookMillis}. */
    void fitted(final long endedAtMillis, final long tookMillis) {
        lastEndedAt = endedAtMillis;
        lastMillis = Math.max(0, tookMillis);
    }
}
