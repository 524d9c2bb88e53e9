package dev.shopreco.streams.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line a period for the records Kafka Streams dropped, instead of one line per record.
 *
 * <p>The A/B window stores drop an event or a served list that arrives more than {@code AB_WINDOW +
 * AB_GRACE} behind the newest one, and Kafka Streams' in-memory window store logs a WARN for each
 * ("Skipping record for expired segment"): while a backlog is read, hundreds of thousands of
 * identical lines (271,436 for the default data set in one bench run). The log configurations of
 * the runner and the API keep that logger at ERROR, and this report says, once a period and only
 * when it grew, how many records were dropped, from the task metric {@code dropped-records-total}
 * (group {@code stream-task-metrics}), which counts them whatever the cause, and from
 * {@code late-ab-events-total} (group {@code stream-shop-reco-metrics}): the events the attribution
 * does not even offer to its window store, since the store would drop them.
 */
public final class DroppedRecords implements AutoCloseable {

    /** How often the runner and the API report: a minute. */
    public static final Duration PERIOD = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(DroppedRecords.class);
    static final String GROUP = "stream-task-metrics";
    static final String NAME = "dropped-records-total";
    static final String LATE_GROUP = "stream-shop-reco-metrics";
    static final String LATE_NAME = "late-ab-events-total";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Duration period;
    private final ScheduledExecutorService timer;
    private Map<MetricName, Double> reported = Map.of();

    private DroppedRecords(final Supplier<Map<MetricName, ? extends Metric>> metrics, final Duration period,
            final ScheduledExecutorService timer) {
        this.metrics = metrics;
        this.period = period;
        this.timer = timer;
    }

    /** Reports {@code client}'s dropped records every {@code period} on a daemon thread, until closed. */
    public static DroppedRecords report(final KafkaStreams client, final Duration period) {
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "dropped-records-report");
            thread.setDaemon(true);
            return thread;
        });
        final DroppedRecords report = new DroppedRecords(client::metrics, period, timer);
        timer.scheduleAtFixedRate(report::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return report;
    }

    /** A report read from {@code metrics} on demand, without a timer (tests). */
    static DroppedRecords of(final Supplier<Map<MetricName, ? extends Metric>> metrics, final Duration period) {
        return new DroppedRecords(metrics, period, null);
    }

    /** Records dropped so far over all tasks of {@code metrics}. */
    public static long total(final Map<MetricName, ? extends Metric> metrics) {
        return Math.round(counts(metrics).values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** The dropped-records count of each task in {@code metrics}. */
    private static Map<MetricName, Double> counts(final Map<MetricName, ? extends Metric> metrics) {
        final Map<MetricName, Double> counts = new HashMap<>();
        metrics.forEach((name, metric) -> {
            final boolean dropped = NAME.equals(name.name()) && GROUP.equals(name.group())
                    || LATE_NAME.equals(name.name()) && LATE_GROUP.equals(name.group());
            if (dropped && metric.metricValue() instanceof Number n) {
                counts.put(name, n.doubleValue());
            }
        });
        return counts;
    }

    /** Logs the records dropped since the last report, if any; returns how many. */
    long check() {
        try {
            final Map<MetricName, Double> now = counts(metrics.get());
            // per task: a task that moved here starts from zero, one that moved away is forgotten
            double dropped = 0;
            for (final Map.Entry<MetricName, Double> task : now.entrySet()) {
                dropped += Math.max(0, task.getValue() - reported.getOrDefault(task.getKey(), 0.0));
            }
            reported = now;
            final long count = Math.round(dropped);
            if (count > 0) {
                LOG.warn("{} records dropped in the last {}: events or served lists more than AB_WINDOW + AB_GRACE "
                        + "behind the newest, which the A/B attribution can no longer join (usual while a backlog "
                        + "is read), or records Kafka Streams could not process; per task in the metric {} ({})",
                        count, period, NAME, GROUP);
            }
            return count;
        } catch (final RuntimeException e) {
            LOG.debug("Could not read the dropped-records metrics", e);
            return 0;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
