package dev.shopreco.api.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** Figures read from a Kafka Streams client's own metrics (its embedded consumers' included). */
final class StreamsMetrics {

    private StreamsMetrics() {
    }

    /** A stream thread's consumer ({@code <client>-StreamThread-N-consumer}), not the restore or global one. */
    static boolean mainConsumer(final String clientId) {
        return clientId != null && clientId.contains("-StreamThread-") && clientId.endsWith("-consumer")
                && !clientId.endsWith("-restore-consumer");
    }

    /** The global stream thread's consumer, which reads the global tables' topics. */
    static boolean globalConsumer(final String clientId) {
        return clientId != null && clientId.endsWith("-global-consumer");
    }

    /** Whether a metric's topic tag names {@code topic} (older tags write '.' as '_'). */
    static boolean sameTopic(final String topic, final String tag) {
        return topic.equals(tag) || topic.replace('.', '_').equals(tag);
    }

    /**
     * Records waiting on each topic the client's stream threads and global thread read: the sum over
     * partitions of the consumers' {@code records-lag}, by topic name ({@code knownTopics} maps
     * tags written with '_' back to the topic's name).
     */
    static Map<String, Long> lagPerTopic(final KafkaStreams streams, final Set<String> knownTopics) {
        final Map<String, String> byTag = new HashMap<>();
        for (final String topic : knownTopics) {
            byTag.put(topic.replace('.', '_'), topic);
            byTag.put(topic, topic);
        }
        // client|topic|partition -> lag, so that a partition tagged twice counts once
        final Map<String, Double> perPartition = new HashMap<>();
        final Map<String, String> topicOf = new HashMap<>();
        for (final Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            final MetricName name = entry.getKey();
            final String clientId = name.tags().get("client-id");
            final String tag = name.tags().get("topic");
            final String partition = name.tags().get("partition");
            if (!"records-lag".equals(name.name()) || !"consumer-fetch-manager-metrics".equals(name.group())
                    || tag == null || partition == null || !(mainConsumer(clientId) || globalConsumer(clientId))
                    || !(entry.getValue().metricValue() instanceof Number value) || Double.isNaN(value.doubleValue())) {
                continue;
            }
            final String topic = byTag.getOrDefault(tag, tag);
            final String key = clientId + '|' + topic + '|' + partition;
            perPartition.merge(key, value.doubleValue(), Math::max);
            topicOf.put(key, topic);
        }
        final Map<String, Long> lag = new TreeMap<>();
        perPartition.forEach((key, value) -> lag.merge(topicOf.get(key), (long) Math.max(0, value), Long::sum));
        return lag;
    }
}
