package dev.shopreco.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DroppedRecordsTest {

    private final Metrics metrics = new Metrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private Sensor task(final String taskId) {
        final Sensor sensor = metrics.sensor("dropped-" + taskId);
        sensor.add(metrics.metricName(DroppedRecords.NAME, DroppedRecords.GROUP, Map.of("task-id", taskId)),
                new CumulativeSum());
        // a metric of the same name in another group is not a task's dropped records
        sensor.add(metrics.metricName(DroppedRecords.NAME, "stream-thread-metrics", Map.of("task-id", taskId)),
                new CumulativeSum());
        return sensor;
    }

    @Test
    void reportsTheRecordsDroppedSinceTheLastReportOverAllTasks() {
        final Sensor first = task("0_0");
        final Sensor second = task("0_1");
        final DroppedRecords report = DroppedRecords.of(metrics::metrics, Duration.ofMinutes(1));
        assertEquals(0, report.check());

        first.record(3);
        second.record(2);
        assertEquals(5, DroppedRecords.total(metrics.metrics()));
        assertEquals(5, report.check());
        assertEquals(0, report.check(), "nothing new, nothing reported");

        second.record(1);
        assertEquals(1, report.check());
    }

    @Test
    void countsTheEventsTheAttributionLeftOutAsTooLateToo() {
        final Sensor late = metrics.sensor("late-0_0");
        late.add(metrics.metricName(DroppedRecords.LATE_NAME, DroppedRecords.LATE_GROUP, Map.of("task-id", "0_0")),
                new CumulativeSum());
        task("0_0").record(1);
        late.record(6);
        assertEquals(7, DroppedRecords.of(metrics::metrics, Duration.ofMinutes(1)).check());
    }

    @Test
    void countsATaskThatMovedHereFromZeroAndForgetsOneThatMovedAway() {
        task("0_0").record(4);
        final DroppedRecords report = DroppedRecords.of(metrics::metrics, Duration.ofMinutes(1));
        assertEquals(4, report.check());
        metrics.removeSensor("dropped-0_0");
        assertEquals(0, report.check());
        task("0_1").record(2);
        assertEquals(2, report.check());
    }
}
