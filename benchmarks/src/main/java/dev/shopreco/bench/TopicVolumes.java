package dev.shopreco.bench;

import dev.shopreco.common.Names;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;

/**
 * What the topology wrote, per topic: the offsets its partitions advanced by, which under exactly-once
 * are the records plus one transaction marker per partition and transaction that wrote to it. Every
 * record costs the producer, the broker and, for internal topics, a consumer: the records per event
 * are a large part of the topology's cost.
 */
public final class TopicVolumes {

    private TopicVolumes() {
    }

    /** Prints, per topic the application {@code appId} writes, the offsets written and their number per event. */
    public static void print(final Admin admin, final String appId, final long events) throws Exception {
        final List<String> written = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(appId + "-") || List.of(Names.TOPIC_INTERACTIONS, Names.TOPIC_REJECTED,
                        Names.TOPIC_POPULARITY, Names.TOPIC_POPULARITY_TOP,
                        Names.TOPIC_ITEM_GRAM).contains(name))
                .toList();
        final Map<String, Long> perTopic = new TreeMap<>();
        Progress.endOffsets(admin, written, IsolationLevel.READ_UNCOMMITTED).forEach((tp, offset) ->
                perTopic.merge(tp.topic().replace(appId + "-", "<app>-"), offset, Long::sum));
        final long total = perTopic.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("written  : %,d offsets (records and transaction markers), %.2f per event:%n", total,
                (double) total / events);
        perTopic.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("           %-58s %,12d  %.3f per event%n", e.getKey(), e.getValue(),
                        (double) e.getValue() / events));
    }
}
