package dev.shopreco.streams.state;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records waiting on the brokers in each active task's input partitions, as a host last read
 * them from its Kafka Streams client: the stream threads' consumers' {@code records-lag} (the
 * partition's end, for {@code read_committed} its last stable offset, minus the consumer's position).
 * Processors of the same process read it to tell a backlog (a replay, a restart after downtime) from
 * live input.
 *
 * <p>A task it has never been told about has nothing waiting: without a host that {@link #watch}es
 * a client (the test driver, a tool), processors behave as on live input.
 */
public final class InputBacklog {

    /** How often a host reads its client: a second, against item-Gram flushes tens of seconds apart. */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(InputBacklog.class);
    private static final String LAG = "records-lag";
    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    /** A stream thread's main consumer; not its restore consumer, nor the global thread's. */
    private static final Pattern MAIN_CONSUMER = Pattern.compile(".*-StreamThread-\\d+-consumer");

    private final Map<TaskId, Long> waiting = new ConcurrentHashMap<>();

    /** A running {@link #watch}; closing it stops the reads. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Records waiting in the task's input when last read; 0 if unknown. */
    public long waiting(final TaskId task) {
        return waiting.getOrDefault(task, 0L);
    }

    /** Records waiting in the input of every task last read. */
    public long total() {
        return waiting.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Sets what waits in the task's input (a host's reading, or a test's). */
    public void set(final TaskId task, final long records) {
        waiting.put(task, Math.max(0, records));
    }

    /** Reads the active tasks of the client's threads; tasks it no longer runs are forgotten. */
    public void readFrom(final KafkaStreams streams) {
        final Map<String, Long> lag = consumerLag(streams.metrics());
        final Map<TaskId, Long> read = new HashMap<>();
        for (final ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (final TaskMetadata task : thread.activeTasks()) {
                read.put(task.taskId(), waitingIn(task.topicPartitions(), lag));
            }
        }
        waiting.keySet().retainAll(read.keySet());
        waiting.putAll(read);
    }

    /**
     * The main consumers' {@code records-lag} by partition, keyed {@code topic-partition} with the
     * topic's dots as underscores (the form Kafka's metric tags may use); a partition not fetched yet
     * has no value (NaN) and is left out.
     */
    static Map<String, Long> consumerLag(final Map<MetricName, ? extends Metric> metrics) {
        final Map<String, Long> lag = new HashMap<>();
        for (final Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            final MetricName name = entry.getKey();
            if (!LAG.equals(name.name()) || !FETCH_GROUP.equals(name.group())) {
                continue;
            }
            final String client = name.tags().get("client-id");
            final String topic = name.tags().get("topic");
            final String partition = name.tags().get("partition");
            if (client == null || topic == null || partition == null || !MAIN_CONSUMER.matcher(client).matches()) {
                continue;
            }
            if (entry.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                lag.merge(key(topic, partition), Math.max(0, value.longValue()), Math::max);
            }
        }
        return lag;
    }

    /** The lag summed over {@code partitions}; a partition without a reading counts 0. */
    static long waitingIn(final Collection<TopicPartition> partitions, final Map<String, Long> lag) {
        long sum = 0;
        for (final TopicPartition partition : partitions) {
            sum += lag.getOrDefault(key(partition.topic(), Integer.toString(partition.partition())), 0L);
        }
        return sum;
    }

    private static String key(final String topic, final String partition) {
        return topic.replace('.', '_') + "-" + partition;
    }

    /**
     * Reads {@code streams} every {@code period} on a daemon thread ({@link #readQuietly}) until the
     * returned handle is closed.
     */
    public Watch watch(final KafkaStreams streams, final Duration period) {
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "input-backlog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> readQuietly(streams), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** {@link #readFrom}, a failure (the client closing) logged at debug: the next reading retries. */
    public void readQuietly(final KafkaStreams streams) {
        try {
            readFrom(streams);
        } catch (final RuntimeException e) {
            LOG.debug("Could not read the tasks' input backlog", e);
        }
    }
}
