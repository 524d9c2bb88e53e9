package dev.shopreco.producer.replay;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier replay of the same files, or an earlier attempt of this one, delivered, read back
 * from Kafka itself, so that a resumed replay sends every line exactly once even after a crash of
 * the producer or of a broker.
 *
 * <p>The replay writes each line to a partition computed from its key, in transactions
 * ({@link TransactionalProducer}), and reads back only committed records after every transaction it
 * started is decided. The replay's order of a file is deterministic (file order, or a stable sort by
 * time) and transactions are committed in that order, so the committed records of a partition are a
 * prefix of the order: its last committed record tells, through its {@code replay.seq} header, that
 * every line before it in that order and partition is there too. A line is delivered iff its position
 * is at most the frontier of its partition. Dead letters share their topic with the topology, so
 * their lines are collected from the whole topic.
 */
final class DeliveredFrontier {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveredFrontier.class);

    private final Map<TopicPartition, Long> lastLine;
    private final Set<String> rejectedLines;

    private DeliveredFrontier(final Map<TopicPartition, Long> lastLine, final Set<String> rejectedLines) {
        this.lastLine = lastLine;
        this.rejectedLines = rejectedLines;
    }

    /** Nothing delivered yet: a replay from the first line. */
    static DeliveredFrontier none() {
        return new DeliveredFrontier(Map.of(), Set.of());
    }

    /**
     * The frontier of the files {@code sources} (their {@link SourceId}s), given the headers of the
     * last committed record of each non-empty partition of the replay's ordered topics and the headers of the
     * dead letters; records of other sources (another data set, the topology's dead letters) do not count.
     */
    static DeliveredFrontier of(final Map<TopicPartition, Headers> lastRecords, final Iterable<Headers> deadLetters,
            final Set<String> sources) {
        final Map<TopicPartition, Long> frontier = new HashMap<>();
        lastRecords.forEach((partition, headers) -> {
            final String source = header(headers, SourceId.HEADER_SOURCE);
            if (source != null && sources.contains(source)) {
                frontier.put(partition, Long.parseLong(header(headers, SourceId.HEADER_SEQ)));
            } else if (source != null) {
                LOG.warn("{} ends with a record of another data set ({}): its lines of this data set are sent again",
                        partition, source);
            }
        });
        final Set<String> rejected = new HashSet<>();
        for (final Headers headers : deadLetters) {
            final String source = header(headers, SourceId.HEADER_SOURCE);
            if (source != null && sources.contains(source)) {
                rejected.add(source + "#" + header(headers, SourceId.HEADER_LINE));
            }
        }
        return new DeliveredFrontier(frontier, rejected);
    }

    /** Whether the line at position {@code seq} of the replay's order, written to {@code partition}, was delivered before. */
    boolean delivered(final TopicPartition partition, final long seq) {
        final Long last = lastLine.get(partition);
        return last != null && seq <= last;
    }

    /** Whether the dead letter for {@code line} of {@code source} was delivered before. */
    boolean rejectedDelivered(final String source, final long line) {
        return rejectedLines.contains(source + "#" + line);
    }

    boolean isEmpty() {
        return lastLine.isEmpty() && rejectedLines.isEmpty();
    }

    /** The last value of header {@code name} as text, or null. */
    static String header(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
