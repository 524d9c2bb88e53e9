package dev.shopreco.evaluator.run;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of an evaluation: a bar (rate, ETA) on a terminal, a log line every few seconds
 * otherwise (CI logs, pipes), nothing when switched off. Safe to step from several threads.
 */
final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final ProgressBar bar;
    private final boolean log;
    private final String task;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastLog = startNanos;
    private long done;

    private Progress(final ProgressBar bar, final boolean log, final String task, final long total) {
        this.bar = bar;
        this.log = log;
        this.task = task;
        this.total = total;
    }

    static Progress start(final boolean enabled, final String task, final long total) {
        if (!enabled) {
            return new Progress(null, false, task, total);
        }
        if (System.console() != null) {
            return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" users", 1).showSpeed().setUpdateIntervalMillis(500)
                    .build(), false, task, total);
        }
        return new Progress(null, true, task, total);
    }

    synchronized void step() {
        done++;
        if (bar != null) {
            bar.step();
        } else if (log) {
            final long now = System.nanoTime();
            if (now - lastLog >= LOG_EVERY_NANOS) {
                lastLog = now;
                final double rate = done / ((now - startNanos) / 1e9);
                LOG.info(String.format(Locale.ROOT, "%s: %,d of %,d users (%.0f%%), %,.0f users/s, ETA %.0f s",
                        task, done, total, 100.0 * done / Math.max(1, total), rate, (total - done) / Math.max(1e-9, rate)));
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (log) {
            LOG.info(String.format(Locale.ROOT, "%s: %,d users in %.1f s", task, done,
                    (System.nanoTime() - startNanos) / 1e9));
        }
    }
}
