package dev.shopreco.api.health;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether the pipeline moves: sampled periodically from Kafka Streams' own metrics, it remembers when
 * the records processed (thread metric {@code process-total}, summed over the live threads) last
 * changed while input waited (main consumers' {@code records-lag} above zero on some partition). A
 * thread that fails on every record is replaced again and again and processes nothing: the sum stops
 * moving while the lag stays, which is what readiness reports as stalled.
 */
public final class ProgressWatch {

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private double lastProcessed = Double.NaN;
    private long lastChangeMillis;
    private long waiting;

    public ProgressWatch(final Supplier<Map<MetricName, ? extends Metric>> metrics, final long nowMillis) {
        this.metrics = metrics;
        this.lastChangeMillis = nowMillis;
    }

    /** Takes one sample at {@code nowMillis}. */
    public synchronized void sample(final long nowMillis) {
        double processed = 0;
        long lag = 0;
        for (final Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            final MetricName name = entry.getKey();
            final boolean isProcessed = "process-total".equals(name.name()) && "stream-thread-metrics".equals(name.group());
            final boolean isLag = !isProcessed && "records-lag".equals(name.name())
                    && "consumer-fetch-manager-metrics".equals(name.group()) && mainConsumer(name.tags().get("client-id"));
            // only the two metrics read are evaluated: some gauges count a store's entries on each read
            if (!isProcessed && !isLag
                    || !(entry.getValue().metricValue() instanceof Number value) || Double.isNaN(value.doubleValue())) {
                continue;
            }
            if (isProcessed) {
                processed += value.doubleValue();
            } else {
                lag += Math.max(0, value.longValue());
            }
        }
        waiting = lag;
        if (lag == 0 || processed != lastProcessed) {
            lastChangeMillis = nowMillis;
        }
        lastProcessed = processed;
    }

    /** How long input has waited without a record processed at {@code nowMillis}, in ms (0 if moving or idle). */
    public synchronized long stalledMillis(final long nowMillis) {
        return waiting == 0 ? 0 : nowMillis - lastChangeMillis;
    }

    /** Records waiting on the input partitions at the last sample. */
    public synchronized long waiting() {
        return waiting;
    }

    /** A stream thread's consumer ({@code <client>-StreamThread-N-consumer}), not the restore or global one. */
    static boolean mainConsumer(final String clientId) {
        return clientId != null && clientId.contains("-StreamThread-") && clientId.endsWith("-consumer")
                && !clientId.endsWith("-restore-consumer");
    }
}
