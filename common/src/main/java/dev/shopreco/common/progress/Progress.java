package dev.shopreco.common.progress;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long job (a replay, a generation, an evaluation): a progress bar with rate and ETA
 * on a terminal, a plain line every five seconds otherwise (a bar's carriage returns make a CI log
 * unreadable), nothing when {@code log} is null. Safe to step from several threads.
 */
public final class Progress implements AutoCloseable {

    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final ProgressBar bar;
    private final PrintStream log;
    private final String task;
    private final String unit;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastLogNanos = startNanos;
    private long done;

    private Progress(final ProgressBar bar, final PrintStream log, final String task, final String unit, final long total) {
        this.bar = bar;
        this.log = log;
        this.task = task;
        this.unit = unit;
        this.total = total;
    }

    /** A bar when a console is attached, periodic lines on {@code log} otherwise; silent if {@code log} is null. */
    public static Progress start(final String task, final long total, final String unit, final PrintStream log) {
        if (log != null && System.console() != null) {
            return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(500).build(),
                    null, task, unit, total);
        }
        return new Progress(null, log, task, unit, total);
    }

    /** Reports one more unit done. */
    public synchronized void step() {
        stepTo(done + 1, null);
    }

    /** Reports {@code done} units of the total, with an optional extra note (e.g. events written). */
    public synchronized void stepTo(final long done, final String extra) {
        this.done = done;
        if (bar != null) {
            bar.stepTo(done);
            if (extra != null) {
                bar.setExtraMessage(extra);
            }
            return;
        }
        if (log == null) {
            return;
        }
        final long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            lastLogNanos = now;
            final double rate = done / ((now - startNanos) / 1e9);
            log.printf(Locale.ROOT, "%s: %,d of %,d %s (%.0f%%), %,.0f %s/s, ETA %.0f s%s%n", task, done, total, unit,
                    100.0 * done / Math.max(1, total), rate, unit, (total - done) / Math.max(1e-9, rate),
                    extra == null ? "" : ", " + extra);
        }
    }

    /** Seconds since the start. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        } else if (log != null) {
            log.printf(Locale.ROOT, "%s: %,d %s in %.1f s%n", task, done, unit, elapsedSeconds());
        }
    }
}
