package dev.shopreco.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** Where a stream thread spends its time, from Kafka Streams' own thread-level metrics. */
final class ThreadMetrics {

    private static final List<String> NAMES = List.of("commit-total", "commit-latency-avg", "commit-latency-max",
            "process-ratio", "commit-ratio", "poll-ratio", "punctuate-ratio", "poll-records-avg",
            "process-records-avg");

    private ThreadMetrics() {
    }

    /** CPU seconds used so far by each live thread whose name contains {@code part}, summed. */
    static double cpuSeconds(final String part) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (final ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().contains(part)) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /** Seconds spent in garbage collection so far (all collectors; concurrent work included where reported). */
    static double gcSeconds() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum() / 1e3;
    }

    /** CPU seconds used so far by the whole process. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static String summary(final KafkaStreams streams) {
        final Map<String, String> values = new TreeMap<>();
        for (final Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            final MetricName name = e.getKey();
            if ("stream-thread-metrics".equals(name.group()) && NAMES.contains(name.name())) {
                final Object value = e.getValue().metricValue();
                values.put(name.name(), value instanceof Double d ? String.format("%.3f", d) : String.valueOf(value));
            }
        }
        return values.toString();
    }
}
