package dev.shopreco.bench;

import dev.shopreco.common.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/** Runs a Kafka Streams application until its group has committed every input and internal topic to the end. */
final class Progress {

    private final Admin admin;
    private final String appId;
    private final List<String> topics;

    /** For the reco topology: its input topics and its four repartition topics. */
    Progress(final Admin admin, final String appId) {
        this(admin, appId, List.of(Names.TOPIC_SESSIONS, Names.TOPIC_INTERACTIONS,
                appId + "-popularity-by-product-repartition", appId + "-popularity-top-repartition",
                appId + "-" + Names.REPARTITION_ITEM_GRAM + "-repartition",
                appId + "-" + Names.REPARTITION_USER_KNN_POSTINGS + "-repartition"));
    }

    /** For any application: done when its group has committed {@code topics} to their ends. */
    Progress(final Admin admin, final String appId, final List<String> topics) {
        this.admin = admin;
        this.appId = appId;
        this.topics = topics;
    }

    TopologyBench.Throughput run(final KafkaStreams streams, final long events) throws Exception {
        final long started = System.nanoTime();
        streams.start();
        long lastReport = started;
        Map<TopicPartition, Long> previous = Map.of();
        while (true) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("The topology stopped: " + streams.state());
            }
            final Map<TopicPartition, Long> end = endOffsets();
            final Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
            if (!end.isEmpty() && end.equals(previous) && caughtUp(end, committed)) {
                return new TopologyBench.Throughput(events, System.nanoTime() - started);
            }
            previous = end;
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  ... %,d of %,d events after %.0f s, RSS %d MiB%n", sessionsDone(committed), events,
                        (lastReport - started) / 1e9, MemorySampler.rss() >> 20);
            }
            Thread.sleep(500);
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws InterruptedException {
        try {
            return endOffsets(admin, topics, IsolationLevel.READ_COMMITTED);
        } catch (final ExecutionException e) {
            // the internal topics appear with the first rebalance
            return Map.of();
        }
    }

    /** The end offset of every partition of {@code topics}, as a consumer of {@code isolation} sees it. */
    static Map<TopicPartition, Long> endOffsets(final Admin admin, final List<String> topics,
            final IsolationLevel isolation) throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        final Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get()
                .forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    private static boolean caughtUp(final Map<TopicPartition, Long> end,
            final Map<TopicPartition, OffsetAndMetadata> committed) {
        return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                || committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() >= e.getValue());
    }

    private static long sessionsDone(final Map<TopicPartition, OffsetAndMetadata> committed) {
        return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(Names.TOPIC_SESSIONS))
                .mapToLong(e -> e.getValue().offset()).sum();
    }
}
