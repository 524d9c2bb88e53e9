package dev.shopreco.producer.replay;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/** What a replay writes to and reads back from: Kafka ({@link KafkaTarget}). */
interface ReplayTarget {

    /** A new producer for one attempt, with {@code transactionalId}, as {@link TransactionalProducer} requires. */
    Producer<String, String> newProducer(String transactionalId);

    /** The end offsets of every partition of {@code topics} now, as a {@code read_committed} consumer sees them. */
    Map<TopicPartition, Long> endOffsets(List<String> topics);

    /**
     * What the replay of {@code sources} delivered to {@code orderedTopics} and, as dead letters, to
     * {@code rejectedTopic}: committed records only, counting only those at or after
     * {@code notBefore} (per partition; from the beginning where it has none). Called after
     * {@link TransactionalProducer#start()}, so every transaction of the replay is decided.
     */
    DeliveredFrontier frontier(List<String> orderedTopics, String rejectedTopic, Set<String> sources,
            Map<TopicPartition, Long> notBefore);
}
