package dev.shopreco.producer.replay;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/** What a replay writes to and reads back from: Kafka ({@link KafkaTarget}). */
interface ReplayTarget {

    /** A new producer for one attempt, configured as {@link FailFastProducer} requires (no retries, one request in flight). */
    Producer<String, String> newProducer();

    /** The end offsets of every partition of {@code topics} now. */
    Map<TopicPartition, Long> endOffsets(List<String> topics);

    /**
     * What the replay of {@code sources} delivered to {@code orderedTopics} and, as dead letters, to
     * {@code rejectedTopic}, counting only records at or after {@code notBefore} (per partition; from
     * the beginning where it has none).
     */
    DeliveredFrontier frontier(List<String> orderedTopics, String rejectedTopic, Set<String> sources,
            Map<TopicPartition, Long> notBefore);
}
