package dev.shopreco.bench;

import dev.shopreco.common.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What the topology wrote, per topic: the offsets its partitions advanced by, which under exactly-once
 * are the records plus one transaction marker per partition and transaction that wrote to it, and the
 * bytes its partitions hold on the brokers (one replica each; before compaction, about what was
 * written; what a store's restore from its changelog reads). Every record costs the producer, the
 * broker and, for internal topics, a consumer: the records per event are a large part of the
 * topology's cost.
 */
public final class TopicVolumes {

    private TopicVolumes() {
    }

    /** Prints, per topic the application {@code appId} writes, the offsets written and the bytes held, and their number per event. */
    public static void print(final Admin admin, final String appId, final long events) throws Exception {
        final List<String> written = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(appId + "-") || List.of(Names.TOPIC_INTERACTIONS, Names.TOPIC_REJECTED,
                        Names.TOPIC_POPULARITY, Names.TOPIC_POPULARITY_TOP,
                        Names.TOPIC_ITEM_GRAM).contains(name))
                .toList();
        final Map<String, Long> perTopic = new TreeMap<>();
        Progress.endOffsets(admin, written, IsolationLevel.READ_UNCOMMITTED).forEach((tp, offset) ->
                perTopic.merge(name(tp.topic(), appId), offset, Long::sum));
        final Map<String, Long> bytes = bytesHeld(admin, written, appId);
        final long total = perTopic.values().stream().mapToLong(Long::longValue).sum();
        final long totalBytes = bytes.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("written  : %,d offsets (records and transaction markers), %.2f per event; %,d bytes held, "
                + "%.0f per event:%n", total, (double) total / events, totalBytes, (double) totalBytes / events);
        perTopic.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("           %-58s %,12d  %.3f per event  %,14d B  %6.0f B per event%n",
                        e.getKey(), e.getValue(), (double) e.getValue() / events, bytes.getOrDefault(e.getKey(), 0L),
                        (double) bytes.getOrDefault(e.getKey(), 0L) / events));
    }

    private static String name(final String topic, final String appId) {
        return topic.replace(appId + "-", "<app>-");
    }

    /** Per topic, the bytes of its partitions' logs, the largest replica of each partition (describeLogDirs). */
    private static Map<String, Long> bytesHeld(final Admin admin, final List<String> topics, final String appId)
            throws Exception {
        final List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        final Map<TopicPartition, Long> largest = new HashMap<>();
        for (final Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (final LogDirDescription dir : dirs.values()) {
                dir.replicaInfos().forEach((tp, replica) -> {
                    if (topics.contains(tp.topic())) {
                        largest.merge(tp, replica.size(), Math::max);
                    }
                });
            }
        }
        final Map<String, Long> perTopic = new TreeMap<>();
        largest.forEach((tp, size) -> perTopic.merge(name(tp.topic(), appId), size, Long::sum));
        return perTopic;
    }
}
