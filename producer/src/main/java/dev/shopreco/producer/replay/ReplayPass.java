package dev.shopreco.producer.replay;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.progress.Progress;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * One walk over a data folder into one producer: products, users, then the session events in
 * event-time order. A line that an earlier run delivered is skipped and counted as such; one that
 * this run delivered before a failed send (the attempt's {@code frontier}) is counted as sent and
 * not sent again.
 */
final class ReplayPass {

    private final ReplayOptions options;
    private final SessionHook hook;
    private final TransactionalProducer producer;
    private final DeliveredFrontier earlierRuns;
    private final DeliveredFrontier frontier;
    private final ReplaySummary summary;

    /**
     * @param earlierRuns what runs before this one delivered (skipped, counted as already delivered)
     * @param frontier    what Kafka held when this attempt started (skipped, counted as sent)
     */
    ReplayPass(final ReplayOptions options, final SessionHook hook, final TransactionalProducer producer,
            final DeliveredFrontier earlierRuns, final DeliveredFrontier frontier, final ReplaySummary summary) {
        this.options = options;
        this.hook = hook;
        this.producer = producer;
        this.earlierRuns = earlierRuns;
        this.frontier = frontier;
        this.summary = summary;
    }

    /** Sends the three files; {@code sources} holds the {@link SourceId} of each. */
    void run(final Path products, final Path users, final Path sessions, final Map<Path, String> sources) {
        summary.products = sendCatalog(products, sources.get(products), Names.TOPIC_PRODUCTS, CatalogParser::product,
                product -> Long.toString(product.productId()));
        summary.users = sendCatalog(users, sources.get(users), Names.TOPIC_USERS, CatalogParser::user,
                user -> Long.toString(user.userId()));
        sendSessions(sessions, sources.get(sessions));
    }

    private <T> long sendCatalog(final Path file, final String source, final String topic,
            final Function<String, Parsed<T>> parser, final Function<T, String> key) {
        final int partitions = producer.partitions(topic);
        long sent = 0;
        try (BufferedReader reader = DataFolder.open(file)) {
            long line = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    summary.blankLines++;
                    continue;
                }
                final Parsed<T> parsed = Parsed.guarded(parser, text);
                if (parsed instanceof Parsed.Invalid<T> invalid) {
                    reject(file, source, line, text, invalid);
                } else if (parsed instanceof Parsed.Valid<T> valid
                        && send(topic, partitions, key.apply(valid.value()), text, null, source, line, line)) {
                    sent++;
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return sent;
    }

    private void sendSessions(final Path file, final String source) {
        final OrderedSessions ordered = OrderedSessions.scan(file, options.maxSortEvents(),
                new SessionEventParser(options.eventTimeMaxAhead()));
        summary.sorted = !ordered.alreadyOrdered();
        summary.sessionLines = ordered.lineCount();
        final int partitions = producer.partitions(Names.TOPIC_SESSIONS);
        final Pacer pacer = new Pacer(options.speed());
        try (Progress progress = Progress.start("replay", ordered.lineCount(), "lines",
                options.progress() ? System.err : null)) {
            ordered.forEach(line -> {
                progress.stepTo(line.seq(), null);
                if (line.text().isBlank()) {
                    summary.blankLines++;
                    return true;
                }
                if (line.parsed() instanceof Parsed.Valid<SessionEvent> valid) {
                    return sendEvent(valid.value(), line, source, partitions, pacer);
                }
                if (line.parsed() instanceof Parsed.Invalid<SessionEvent> invalid) {
                    reject(file, source, line.line(), line.text(), invalid);
                }
                return true;
            });
        }
        if (hook != null) {
            sendAdded(hook.end(), partitions);
        }
    }

    /** Sends a valid event unless outside the range; false once the limit is reached (the walk stops). */
    private boolean sendEvent(final SessionEvent event, final SourceLine line, final String source,
            final int partitions, final Pacer pacer) {
        if (!options.inRange(event.timestamp())) {
            summary.outOfRange++;
            return true;
        }
        if (options.limit() > 0 && summary.events >= options.limit()) {
            summary.limitReached = true;
            return false;
        }
        // a transaction open while the replay waits would hold its records back from the topology
        pacer.await(event.timestamp(), producer::commit);
        if (hook != null) {
            sendAdded(hook.before(event, producer::commit), partitions);
        }
        if (send(Names.TOPIC_SESSIONS, partitions, Long.toString(event.sessionId()), line.text(),
                event.epochMillis(), source, line.line(), line.seq())) {
            summary.events++;
        }
        return true;
    }

    private void sendAdded(final List<SessionEvent> events, final int partitions) {
        for (final SessionEvent event : events) {
            producer.send(ReplayRecords.added(event, partitions));
            summary.added++;
        }
    }

    /** Sends one line unless an earlier run delivered it; returns whether it counts as sent by this run. */
    private boolean send(final String topic, final int partitions, final String key, final String value,
            final Long timestamp, final String source, final long line, final long seq) {
        final int partition = ReplayRecords.partitionFor(key, partitions);
        final TopicPartition topicPartition = new TopicPartition(topic, partition);
        if (earlierRuns.delivered(topicPartition, seq)) {
            summary.alreadyDelivered++;
            return false;
        }
        if (!frontier.delivered(topicPartition, seq)) {
            producer.send(ReplayRecords.line(topic, partition, timestamp, key, value, source, line, seq));
        }
        return true;
    }

    private void reject(final Path file, final String source, final long line, final String text,
            final Parsed.Invalid<?> invalid) {
        summary.reject(invalid.reason());
        if (earlierRuns.rejectedDelivered(source, line)) {
            summary.alreadyDelivered++;
        } else if (!frontier.rejectedDelivered(source, line)) {
            producer.send(ReplayRecords.deadLetter(file, source, line, text, invalid));
        }
    }
}
