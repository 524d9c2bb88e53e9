package dev.shopreco.producer.replay;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.progress.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a data folder into Kafka: products and users to their compacted topics (keyed by id),
 * then session events to {@code shop.sessions} (keyed by session id, record time = event time) in
 * event-time order; every refused line to {@code shop.sessions.rejected} with the reason, the file
 * and the line number. Each record carries its file and line in headers, which is what lets a later
 * run resume exactly (see {@link DeliveredFrontier}).
 */
public final class Replayer {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    /** Dead letters keep at most this much of the original line (the broker's record limit is 1 MiB). */
    private static final int MAX_ORIGINAL_CHARS = 16 * 1024;

    private final ReplayOptions options;
    private final ReplaySummary summary = new ReplaySummary();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onDelivery = (metadata, exception) -> {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
    };
    private final SessionHook hook;
    private KafkaProducer<String, String> producer;
    private DeliveredFrontier frontier = DeliveredFrontier.none();

    public Replayer(final ReplayOptions options) {
        this(options, null);
    }

    /**
     * A replay in which {@code hook} (may be null) adds events of its own; its events carry the
     * header {@link #HEADER_ADDED} instead of a file position, so run it with resume off.
     */
    public Replayer(final ReplayOptions options, final SessionHook hook) {
        this.options = options;
        this.hook = hook;
    }

    /** Header of the events a {@link SessionHook} added (value: "true"). */
    public static final String HEADER_ADDED = "replay.added";

    /**
     * Runs the replay to its end (or its limit) and waits until every record is acknowledged.
     *
     * @throws ReplayException if a record could not be delivered; nothing after it was sent, and a
     *     later run with resume on starts from the first undelivered line
     */
    public ReplaySummary run() {
        final long start = System.nanoTime();
        final DataFolder folder = new DataFolder(options.data());
        final Path products = folder.file(DataFolder.PRODUCTS);
        final Path users = folder.file(DataFolder.USERS);
        final Path sessions = folder.file(DataFolder.SESSIONS);
        final Map<Path, String> sources = Map.of(products, SourceId.of(products), users, SourceId.of(users),
                sessions, SourceId.of(sessions));
        if (options.resume()) {
            frontier = DeliveredFrontier.read(options.bootstrapServers(),
                    List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS), Names.TOPIC_REJECTED,
                    Set.copyOf(sources.values()));
            if (!frontier.isEmpty()) {
                LOG.info("Resuming: lines an earlier run delivered are skipped");
            }
        }
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(producerProperties(),
                new StringSerializer(), new StringSerializer())) {
            producer = kafka;
            summary.products = sendCatalog(products, sources.get(products), Names.TOPIC_PRODUCTS,
                    text -> CatalogParser.product(text), p -> Long.toString(((dev.shopreco.common.model.Product) p).productId()));
            summary.users = sendCatalog(users, sources.get(users), Names.TOPIC_USERS,
                    text -> CatalogParser.user(text), u -> Long.toString(((dev.shopreco.common.model.User) u).userId()));
            sendSessions(sessions, sources.get(sessions));
            kafka.flush();
            checkFailure();
        }
        summary.elapsed = Duration.ofNanos(System.nanoTime() - start);
        return summary;
    }

    private long sendCatalog(final Path file, final String source, final String topic,
            final Function<String, Parsed<?>> parser, final Function<Object, String> key) {
        final int partitions = producer.partitionsFor(topic).size();
        long sent = 0;
        try (BufferedReader reader = DataFolder.open(file)) {
            long line = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    summary.blankLines++;
                    continue;
                }
                final Parsed<?> parsed = parser.apply(text);
                if (parsed instanceof Parsed.Invalid<?> invalid) {
                    reject(file, source, line, text, invalid);
                } else if (parsed instanceof Parsed.Valid<?> valid) {
                    if (send(topic, partitions, key.apply(valid.value()), text, null, source, line, line)) {
                        sent++;
                    }
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return sent;
    }

    private void sendSessions(final Path file, final String source) {
        final OrderedSessions ordered = OrderedSessions.scan(file, options.maxSortEvents());
        summary.sorted = !ordered.alreadyOrdered();
        summary.sessionLines = ordered.lineCount();
        final int partitions = producer.partitionsFor(Names.TOPIC_SESSIONS).size();
        final Pacer pacer = new Pacer(options.speed());
        try (Progress progress = Progress.start("replay", ordered.lineCount(), "lines",
                options.progress() ? System.err : null)) {
            ordered.forEach(line -> {
                progress.stepTo(line.seq(), null);
                if (line.text().isBlank()) {
                    summary.blankLines++;
                    return true;
                }
                if (line.parsed() instanceof Parsed.Invalid<SessionEvent> invalid) {
                    reject(file, source, line.line(), line.text(), invalid);
                    return true;
                }
                final SessionEvent event = ((Parsed.Valid<SessionEvent>) line.parsed()).value();
                if (!options.inRange(event.timestamp())) {
                    summary.outOfRange++;
                    return true;
                }
                if (options.limit() > 0 && summary.events >= options.limit()) {
                    summary.limitReached = true;
                    return false;
                }
                pacer.await(event.timestamp());
                if (hook != null) {
                    sendAdded(hook.before(event), partitions);
                }
                if (send(Names.TOPIC_SESSIONS, partitions, Long.toString(event.sessionId()), line.text(),
                        event.epochMillis(), source, line.line(), line.seq())) {
                    summary.events++;
                }
                return true;
            });
        }
        if (hook != null) {
            sendAdded(hook.end(), partitions);
        }
    }

    private void sendAdded(final List<SessionEvent> events, final int partitions) {
        for (final SessionEvent event : events) {
            checkFailure();
            final String key = Long.toString(event.sessionId());
            final String line;
            try {
                line = Json.mapper().writeValueAsString(event);
            } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Cannot write an added event as JSON", e);
            }
            final RecordHeaders headers = new RecordHeaders();
            headers.add(HEADER_ADDED, "true".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(Names.TOPIC_SESSIONS,
                    BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions),
                    event.epochMillis(), key, line, headers), onDelivery);
            summary.added++;
        }
    }

    /** Sends one record unless an earlier run delivered it; returns whether it was sent. */
    private boolean send(final String topic, final int partitions, final String key, final String value,
            final Long timestamp, final String source, final long line, final long seq) {
        checkFailure();
        final int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
        if (frontier.delivered(new TopicPartition(topic, partition), seq)) {
            summary.alreadyDelivered++;
            return false;
        }
        final RecordHeaders headers = headers(source, line);
        headers.add(SourceId.HEADER_SEQ, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, headers), onDelivery);
        return true;
    }

    private void reject(final Path file, final String source, final long line, final String text,
            final Parsed.Invalid<?> invalid) {
        summary.reject(invalid.reason());
        if (frontier.rejectedDelivered(source, line)) {
            summary.alreadyDelivered++;
            return;
        }
        checkFailure();
        final String original = text.length() > MAX_ORIGINAL_CHARS ? text.substring(0, MAX_ORIGINAL_CHARS) : text;
        final String detail = text.length() > MAX_ORIGINAL_CHARS
                ? invalid.detail() + " (original cut to " + MAX_ORIGINAL_CHARS + " of " + text.length() + " chars)"
                : invalid.detail();
        final Rejected rejected = new Rejected(invalid.reason(), detail, "producer", file.getFileName().toString(),
                line, original);
        try {
            producer.send(new ProducerRecord<>(Names.TOPIC_REJECTED, null, null,
                    file.getFileName() + ":" + line, Json.mapper().writeValueAsString(rejected),
                    headers(source, line)), onDelivery);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a dead letter as JSON", e);
        }
    }

    private static RecordHeaders headers(final String source, final long line) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(SourceId.HEADER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
        headers.add(SourceId.HEADER_LINE, Long.toString(line).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private void checkFailure() {
        final Exception e = failure.get();
        if (e != null) {
            throw new ReplayException("A record could not be delivered to Kafka: " + e.getMessage()
                    + ". Nothing after it was sent; run the replay again (resume is on by default) to continue.", e);
        }
    }

    private Properties producerProperties() {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // keeps the order of each partition across retries, which resume relies on (idempotence allows up to 5)
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // wait out a broker that is down rather than fail: retries are safe with idempotence
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(options.deliveryTimeout().toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(options.deliveryTimeout().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        // throughput: fill batches of small JSON lines for a few ms, compress them
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "shop-reco-replay");
        return KafkaClientSettings.addTo(p);
    }

    /** Paces events at a multiple of real time; with speed 0 it never waits. */
    private static final class Pacer {
        private final double speed;
        private LocalDateTime firstEvent;
        private long firstNanos;

        Pacer(final double speed) {
            this.speed = speed;
        }

        void await(final LocalDateTime time) {
            if (speed <= 0) {
                return;
            }
            if (firstEvent == null) {
                firstEvent = time;
                firstNanos = System.nanoTime();
                return;
            }
            final long due = firstNanos + (long) (ChronoUnit.NANOS.between(firstEvent, time) / speed);
            final long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ReplayException("Replay interrupted", e);
                }
            }
        }
    }

    /** The replay stopped because Kafka refused or lost a record. */
    public static final class ReplayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplayException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
