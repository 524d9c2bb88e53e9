package dev.shopreco.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stall detection and thread failures, on a real Kafka metrics registry with Kafka Streams' metric names. */
class ProgressWatchTest {

    private final Metrics metrics = new Metrics();
    private final Sensor processed = metrics.sensor("processed");
    private final Sensor lag = metrics.sensor("lag");

    ProgressWatchTest() {
        processed.add(metrics.metricName("process-total", "stream-thread-metrics",
                Map.of("thread-id", "app-StreamThread-1")), new CumulativeSum());
        lag.add(metrics.metricName("records-lag", "consumer-fetch-manager-metrics",
                Map.of("client-id", "app-StreamThread-1-consumer", "topic", "shop.sessions", "partition", "0")),
                new Value());
        // the restore consumer's lag is restoration, not input
        final Sensor restore = metrics.sensor("restore");
        restore.add(metrics.metricName("records-lag", "consumer-fetch-manager-metrics",
                Map.of("client-id", "app-StreamThread-1-restore-consumer", "topic", "x-changelog", "partition", "0")),
                new Value());
        restore.record(1_000);
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    private ProgressWatch watch() {
        final Map<MetricName, ? extends org.apache.kafka.common.Metric> view = metrics.metrics();
        return new ProgressWatch(() -> view, 0);
    }

    @Test
    void shouldEvaluateOnlyTheMetricsItReads() {
        // a store's entry count is a gauge that walks the store on every read (in-memory window stores)
        final AtomicInteger reads = new AtomicInteger();
        metrics.addMetric(metrics.metricName("num-entries", "stream-state-metrics", Map.of("store", "big")),
                (Measurable) (config, now) -> reads.incrementAndGet());
        final ProgressWatch watch = watch();
        lag.record(3);
        watch.sample(1_000);
        assertEquals(3, watch.waiting());
        assertEquals(0, reads.get(), "the entry count was not read");
    }

    @Test
    void shouldReportAStallOnlyWhileInputWaitsAndNothingIsProcessed() {
        final ProgressWatch watch = watch();
        lag.record(0);
        watch.sample(1_000);
        watch.sample(200_000);
        assertEquals(0, watch.stalledMillis(200_000), "no input waiting: idle, not stalled");

        lag.record(1);
        watch.sample(201_000);
        processed.record(5);
        watch.sample(206_000);
        assertEquals(0, watch.stalledMillis(206_000), "records processed: moving");
        watch.sample(211_000);
        watch.sample(330_000);
        assertEquals(124_000, watch.stalledMillis(330_000), "lag 1 and nothing processed since 206 s");
        assertEquals(1, watch.waiting());

        processed.record(1);
        watch.sample(335_000);
        assertEquals(0, watch.stalledMillis(335_000));
    }

    @Test
    void shouldCountThreadFailuresWithinTheirWindowOnly() {
        final ThreadFailures failures = new ThreadFailures(Duration.ofMinutes(5));
        failures.failed(1_000);
        failures.failed(2_000);
        assertEquals(2, failures.recent(3_000));
        assertEquals(1, failures.recent(301_500), "the first is older than the window");
        assertEquals(0, failures.recent(400_000));
        assertEquals(2, failures.total());
    }

    @Test
    void shouldTellTheMainConsumerFromTheRestoreAndGlobalOnes() {
        assertTrue(ProgressWatch.mainConsumer("shop-reco-1f2e-StreamThread-2-consumer"));
        assertFalse(ProgressWatch.mainConsumer("shop-reco-1f2e-StreamThread-2-restore-consumer"));
        assertFalse(ProgressWatch.mainConsumer("shop-reco-1f2e-global-consumer"));
    }
}
