package dev.shopreco.localkafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets up to which a {@code read_committed} reader sees everything written before the
 * call: the last stable offsets, once they have reached the high watermarks read first.
 *
 * <p>A transactional writer's {@code commitTransaction()} returns before the coordinator has
 * written the commit markers to every partition, so right after a writer (the replay, a Kafka
 * Streams task) returns, the last stable offset of a partition can still be below the records it
 * wrote, and a one-shot read up to {@code endOffsets} misses them. Readers that read a topic once,
 * up to its end, ask here for that end instead.
 */
public final class CommittedEnds {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private CommittedEnds() {
    }

    /**
     * The settled ends of {@code partitions}: waits (up to 2 minutes) until every open transaction
     * that holds records below the current high watermark is decided.
     *
     * @throws IllegalStateException when the last stable offsets do not reach the high watermarks in time
     */
    public static Map<TopicPartition, Long> of(final String bootstrapServers,
            final Collection<TopicPartition> partitions) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            final Map<TopicPartition, Long> high = ends(admin, partitions, IsolationLevel.READ_UNCOMMITTED);
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                final Map<TopicPartition, Long> stable = ends(admin, partitions, IsolationLevel.READ_COMMITTED);
                if (partitions.stream().allMatch(p -> stable.get(p) >= high.get(p))) {
                    return stable;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Transactions stay open for " + WAIT.toSeconds()
                            + " s: last stable offsets " + stable + " below the high watermarks " + high);
                }
                Thread.sleep(100);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the last stable offsets", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + partitions, e.getCause());
        }
    }

    private static Map<TopicPartition, Long> ends(final Admin admin, final Collection<TopicPartition> partitions,
            final IsolationLevel isolation) throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
