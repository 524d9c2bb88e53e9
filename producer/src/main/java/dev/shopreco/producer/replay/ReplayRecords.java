package dev.shopreco.producer.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The records a replay sends. A line goes to the partition Kafka's default partitioner picks for
 * its key, computed here so that resume can compare positions per partition; it carries its file
 * ({@link SourceId#HEADER_SOURCE}), line and position in the replay's order as headers.
 */
final class ReplayRecords {

    /** Dead letters keep at most this much of the original line (the broker's record limit is 1 MiB). */
    static final int MAX_ORIGINAL_CHARS = 16 * 1024;

    private ReplayRecords() {
    }

    /** The partition of {@code key} among {@code partitions}, as the producer's default partitioner picks it. */
    static int partitionFor(final String key, final int partitions) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** Line {@code line} of {@code source}, at position {@code seq} of the replay's order. */
    static ProducerRecord<String, String> line(final String topic, final int partition, final Long timestamp,
            final String key, final String value, final String source, final long line, final long seq) {
        final RecordHeaders headers = position(source, line);
        headers.add(SourceId.HEADER_SEQ, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    /** The dead letter of a refused line: reason, detail, file and line, the original (cut if long). */
    static ProducerRecord<String, String> deadLetter(final Path file, final String source, final long line,
            final String text, final Parsed.Invalid<?> invalid) {
        final String name = file.getFileName().toString();
        final String original = text.length() > MAX_ORIGINAL_CHARS ? text.substring(0, MAX_ORIGINAL_CHARS) : text;
        final String detail = text.length() > MAX_ORIGINAL_CHARS
                ? invalid.detail() + " (original cut to " + MAX_ORIGINAL_CHARS + " of " + text.length() + " chars)"
                : invalid.detail();
        final Rejected rejected = invalid.error() == null
                ? new Rejected(invalid.reason(), detail, "producer", name, line, original)
                : Rejected.failed(invalid.reason(), detail, "producer", name, line, original, invalid.error());
        return new ProducerRecord<>(Names.TOPIC_REJECTED, null, null, name + ":" + line, json(rejected),
                position(source, line));
    }

    /** An event a {@link SessionHook} added: keyed by its session, timed by its event time, no file position. */
    static ProducerRecord<String, String> added(final SessionEvent event, final int partitions) {
        final String key = Long.toString(event.sessionId());
        final RecordHeaders headers = new RecordHeaders();
        headers.add(Replayer.HEADER_ADDED, "true".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Names.TOPIC_SESSIONS, partitionFor(key, partitions), event.epochMillis(), key,
                json(event), headers);
    }

    private static RecordHeaders position(final String source, final long line) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(SourceId.HEADER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
        headers.add(SourceId.HEADER_LINE, Long.toString(line).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String json(final Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
