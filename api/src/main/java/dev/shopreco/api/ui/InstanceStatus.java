package dev.shopreco.api.ui;

import dev.shopreco.api.experiment.Experiment;
import dev.shopreco.api.reco.ItemEaseRefitter;
import dev.shopreco.api.reco.Models;
import dev.shopreco.api.streams.EventClock;
import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.common.Names;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/** What one instance knows about itself: the figures of the page's System view, from local state only. */
@Singleton
public class InstanceStatus {

    private final KafkaStreamsHost host;
    private final EventClock clock;
    private final Throughput throughput;
    private final ItemEaseRefitter itemEase;
    private final Models models;
    private final Experiment experiment;

    public InstanceStatus(final KafkaStreamsHost host, final EventClock clock, final Throughput throughput,
            final ItemEaseRefitter itemEase, final Models models, final Experiment experiment) {
        this.host = host;
        this.clock = clock;
        this.throughput = throughput;
        this.itemEase = itemEase;
        this.models = models;
        this.experiment = experiment;
    }

    /**
     * One instance.
     *
     * @param instance          {@code host:port} ({@code application.server})
     * @param state             Kafka Streams' state ({@code CREATED} .. {@code RUNNING}, or {@code STARTING} before the client exists)
     * @param eventTime         the newest event time its topology read (epoch ms), or null
     * @param threads           its stream threads with their tasks
     * @param partitions        input partitions of its active tasks, topic -> partitions
     * @param standbyPartitions partitions it keeps standby copies of
     * @param stores            stores of its active tasks (global stores included)
     * @param standbyStores     stores it keeps standby copies of
     * @param lag               records waiting per input topic (its stream threads' and global thread's consumers)
     * @param throughput        events processed and lists served, totals and rates
     * @param deadLetters       dead letters its topology wrote, per stage and reason (non-zero only)
     * @param itemEase          its last ITEM_EASE fit, or null before the first
     * @param models            the models it serves
     * @param experiment        the running experiment's name
     * @param rule              its routing rule
     */
    public record Status(String instance, String state, Long eventTime, List<StreamThread> threads,
            Map<String, List<Integer>> partitions, Map<String, List<Integer>> standbyPartitions, List<String> stores,
            List<String> standbyStores, Map<String, Long> lag, Throughput.Rates throughput,
            List<DeadLetters> deadLetters, ItemEaseRefitter.LastFit itemEase, List<String> models,
            String experiment, String rule) {
    }

    /**
     * A stream thread.
     *
     * @param name         its name
     * @param state        its state
     * @param activeTasks  its active tasks, e.g. {@code 0_1}
     * @param standbyTasks its standby tasks
     */
    public record StreamThread(String name, String state, List<String> activeTasks, List<String> standbyTasks) {
    }

    /**
     * Dead letters of one reason.
     *
     * @param stage  the stage that wrote them
     * @param reason the reason
     * @param count  how many
     */
    public record DeadLetters(String stage, String reason, long count) {
    }

    /** This instance's status now. */
    public Status now() {
        final KafkaStreams streams = host.streams();
        final KafkaStreams.State state = streams == null ? null : streams.state();
        final List<StreamThread> threads = new ArrayList<>();
        Map<String, List<Integer>> partitions = Map.of();
        Map<String, List<Integer>> standby = Map.of();
        List<String> stores = List.of();
        List<String> standbyStores = List.of();
        Map<String, Long> lag = Map.of();
        if (streams != null) {
            try {
                for (final ThreadMetadata thread : streams.metadataForLocalThreads()) {
                    threads.add(new StreamThread(thread.threadName(), thread.threadState(), tasks(thread.activeTasks()),
                            tasks(thread.standbyTasks())));
                }
                final StreamsMetadata self = local(streams);
                if (self != null) {
                    partitions = byTopic(self.topicPartitions());
                    standby = byTopic(self.standbyTopicPartitions());
                    stores = List.copyOf(new TreeSet<>(self.stateStoreNames()));
                    standbyStores = List.copyOf(new TreeSet<>(self.standbyStateStoreNames()));
                }
                final Set<String> topics = new TreeSet<>(partitions.keySet());
                topics.addAll(List.of(Names.TOPIC_CATALOG, Names.TOPIC_POPULARITY, Names.TOPIC_POPULARITY_TOP,
                        Names.TOPIC_ITEM_GRAM, Names.TOPIC_ITEM_GRAM_KEPT, Names.TOPIC_SESSIONS, Names.TOPIC_SERVED,
                        Names.TOPIC_INTERACTIONS, Names.TOPIC_PRODUCTS, Names.TOPIC_USERS));
                lag = StreamsMetrics.lagPerTopic(streams, topics);
            } catch (final RuntimeException e) {
                // the client is being replaced or is not running: report what is known
            }
        }
        final List<DeadLetters> deadLetters = new ArrayList<>();
        host.deadLetters().snapshot().forEach((stage, reasons) -> reasons.forEach((reason, count) -> {
            if (count > 0) {
                deadLetters.add(new DeadLetters(stage, reason.name(), count));
            }
        }));
        deadLetters.sort((a, b) -> a.stage().equals(b.stage()) ? a.reason().compareTo(b.reason())
                : a.stage().compareTo(b.stage()));
        return new Status(host.instanceId(), state == null ? "STARTING" : state.name(), clock.now(), threads,
                partitions, standby, stores, standbyStores, lag, throughput.rates(), deadLetters, itemEase.lastFit(),
                models.names(), experiment.name(), experiment.rule().name());
    }

    private StreamsMetadata local(final KafkaStreams streams) {
        for (final StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
            if (metadata.hostInfo().equals(host.self())) {
                return metadata;
            }
        }
        return null;
    }

    private static List<String> tasks(final Collection<TaskMetadata> tasks) {
        return tasks.stream().map(task -> task.taskId().toString()).sorted().toList();
    }

    static Map<String, List<Integer>> byTopic(final Collection<TopicPartition> partitions) {
        final Map<String, Set<Integer>> sets = new TreeMap<>();
        for (final TopicPartition partition : partitions) {
            sets.computeIfAbsent(partition.topic(), t -> new TreeSet<>()).add(partition.partition());
        }
        final Map<String, List<Integer>> lists = new TreeMap<>();
        sets.forEach((topic, set) -> lists.put(topic, List.copyOf(set)));
        return lists;
    }
}
