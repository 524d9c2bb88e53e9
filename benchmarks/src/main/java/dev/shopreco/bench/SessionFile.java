package dev.shopreco.bench;

import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Streams the valid lines of a sessions file into a topic as the producer does (key session id, time = event time). */
final class SessionFile {

    private final Path file;

    SessionFile(final Path dir) {
        this.file = new DataFolder(dir).file(DataFolder.SESSIONS);
    }

    /** Sends every valid line to {@code topic}; returns how many; fails on the first refused send. */
    long sendAll(final KafkaProducer<String, String> producer, final String topic) {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (BufferedReader reader = DataFolder.open(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (SessionEventParser.DEFAULT.parse(line) instanceof Parsed.Valid<SessionEvent> valid) {
                    producer.send(new ProducerRecord<>(topic, null, valid.value().epochMillis(),
                            Long.toString(valid.value().sessionId()), line), (m, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    sent++;
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("A record was refused", failure.get());
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        producer.flush();
        return sent;
    }

    /** Sends every valid line of a catalog file keyed by the id {@code parser} reads (null: refused). */
    static long sendCatalog(final Path dir, final String name, final Function<String, Long> parser,
            final KafkaProducer<String, String> producer, final String topic) {
        long sent = 0;
        try (BufferedReader reader = new DataFolder(dir).open(name)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                final Long id = parser.apply(line);
                if (id != null) {
                    producer.send(new ProducerRecord<>(topic, id.toString(), line));
                    sent++;
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        producer.flush();
        return sent;
    }
}
