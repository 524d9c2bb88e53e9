package dev.shopreco.producer.replay;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.KafkaRefusal;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
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
    private final SessionHook hook;
    private ReplaySummary summary = new ReplaySummary();
    /** The producer of the current attempt, with its own failure: a late callback of an earlier one cannot stop it. */
    private Connection producer;
    /** What runs before this one delivered (nothing with {@code --no-resume}): skipped and counted as such. */
    private DeliveredFrontier earlierRuns = DeliveredFrontier.none();
    /** What Kafka holds, read at the start of the current attempt: skipped. */
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
     * <p>A send that fails for a reason that may pass (the broker restarting, a lost connection, a
     * leader moving) stops the attempt at once: the producer is closed from the failed record's
     * callback, so nothing queued behind it reaches Kafka, and the log of each partition stays a
     * prefix of the replay's order. The replay then waits for Kafka, reads back what it holds
     * ({@link DeliveredFrontier}) and goes on from there, until {@code deliveryTimeout} has passed
     * since the last record Kafka acknowledged. The producer never retries by itself: a retried
     * batch can be written twice when the broker has forgotten the producer, which Kafka does for
     * records dated more than {@code producer.id.expiration.ms} (1 day) ago, as every replayed
     * event is (root README, "The replay producer"; reliability README, "What the suite found").
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
        final List<String> ordered = List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS);
        final Set<String> sourceIds = Set.copyOf(sources.values());
        // with --no-resume, what this run delivered is what lies past the ends of the topics now
        final Map<TopicPartition, Long> runStart = options.resume() ? Map.of()
                : DeliveredFrontier.endOffsets(options.bootstrapServers(),
                        List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS, Names.TOPIC_REJECTED));
        if (options.resume()) {
            earlierRuns = DeliveredFrontier.read(options.bootstrapServers(), ordered, Names.TOPIC_REJECTED, sourceIds,
                    Map.of());
            frontier = earlierRuns;
            if (!earlierRuns.isEmpty()) {
                LOG.info("Resuming: lines an earlier run delivered are skipped");
            }
        }
        long lastProgress = System.nanoTime();
        long resumes = 0;
        while (true) {
            summary = new ReplaySummary();
            summary.resumes = resumes;
            try {
                attempt(products, users, sessions, sources);
                break;
            } catch (final ConnectionLost lost) {
                if (lost.progressed) {
                    lastProgress = System.nanoTime();
                }
                if (System.nanoTime() - lastProgress > options.deliveryTimeout().toNanos()) {
                    throw new ReplayException("Kafka acknowledged nothing for " + options.deliveryTimeout()
                            + "; last error: " + lost.getCause().getMessage()
                            + ". Nothing after the first lost record was sent; run the replay again (resume is on by"
                            + " default) to continue.", lost.getCause());
                }
                resumes++;
                if (!lost.progressed) {
                    // failing again at once: do not spin against a broker that is still unwell
                    sleep(500);
                }
                LOG.warn("A record was not delivered ({}): reading back what Kafka holds and going on from there",
                        lost.getCause().toString());
                frontier = readFrontierWhenAvailable(ordered, sourceIds, runStart, lastProgress);
            }
        }
        summary.elapsed = Duration.ofNanos(System.nanoTime() - start);
        return summary;
    }

    /** One pass over the files with a new producer; throws {@link ConnectionLost} when a send failed and may be retried. */
    private void attempt(final Path products, final Path users, final Path sessions, final Map<Path, String> sources) {
        try (Connection kafka = new Connection(producerProperties())) {
            producer = kafka;
            try {
                summary.products = sendCatalog(products, sources.get(products), Names.TOPIC_PRODUCTS,
                        CatalogParser::product, p -> Long.toString(p.productId()));
                summary.users = sendCatalog(users, sources.get(users), Names.TOPIC_USERS,
                        CatalogParser::user, u -> Long.toString(u.userId()));
                sendSessions(sessions, sources.get(sessions));
                kafka.producer.flush();
            } catch (final ConnectionLost lost) {
                throw lost;
            } catch (final KafkaException e) {
                // the producer was closed under a blocked send(): the failure that closed it is the news
                kafka.checkFailure();
                throw e;
            }
            kafka.checkFailure();
        }
    }

    /** The frontier, read again and again while Kafka is unavailable, until the delivery timeout. */
    private DeliveredFrontier readFrontierWhenAvailable(final List<String> ordered, final Set<String> sourceIds,
            final Map<TopicPartition, Long> runStart, final long lastProgress) {
        while (true) {
            try {
                return DeliveredFrontier.read(options.bootstrapServers(), ordered, Names.TOPIC_REJECTED, sourceIds,
                        runStart);
            } catch (final KafkaException | IllegalStateException e) {
                if (KafkaRefusal.isRefusal(e)) {
                    // wrong credentials or permissions do not pass with time
                    throw e;
                }
                if (System.nanoTime() - lastProgress > options.deliveryTimeout().toNanos()) {
                    throw new ReplayException("Kafka stayed unavailable for " + options.deliveryTimeout() + ": "
                            + e.getMessage() + ". Run the replay again (resume is on by default) to continue.", e);
                }
                LOG.warn("Kafka is not available yet ({}); trying again", e.getMessage());
                sleep(1000);
            }
        }
    }

    private <T> long sendCatalog(final Path file, final String source, final String topic,
            final Function<String, Parsed<T>> parser, final Function<T, String> key) {
        final int partitions = producer.producer.partitionsFor(topic).size();
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
                } else if (parsed instanceof Parsed.Valid<T> valid) {
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
        final int partitions = producer.producer.partitionsFor(Names.TOPIC_SESSIONS).size();
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
            producer.checkFailure();
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
                    event.epochMillis(), key, line, headers));
            summary.added++;
        }
    }

    /** Sends one record unless an earlier run delivered it; returns whether it was sent. */
    private boolean send(final String topic, final int partitions, final String key, final String value,
            final Long timestamp, final String source, final long line, final long seq) {
        producer.checkFailure();
        final int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
        final TopicPartition topicPartition = new TopicPartition(topic, partition);
        if (earlierRuns.delivered(topicPartition, seq)) {
            summary.alreadyDelivered++;
            return false;
        }
        if (frontier.delivered(topicPartition, seq)) {
            // this run delivered it before a send failed: counted as sent, not sent again
            return true;
        }
        final RecordHeaders headers = headers(source, line);
        headers.add(SourceId.HEADER_SEQ, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, headers));
        return true;
    }

    private void reject(final Path file, final String source, final long line, final String text,
            final Parsed.Invalid<?> invalid) {
        summary.reject(invalid.reason());
        if (earlierRuns.rejectedDelivered(source, line)) {
            summary.alreadyDelivered++;
            return;
        }
        if (frontier.rejectedDelivered(source, line)) {
            return;
        }
        producer.checkFailure();
        final String original = text.length() > MAX_ORIGINAL_CHARS ? text.substring(0, MAX_ORIGINAL_CHARS) : text;
        final String detail = text.length() > MAX_ORIGINAL_CHARS
                ? invalid.detail() + " (original cut to " + MAX_ORIGINAL_CHARS + " of " + text.length() + " chars)"
                : invalid.detail();
        final Rejected rejected = invalid.error() == null
                ? new Rejected(invalid.reason(), detail, "producer", file.getFileName().toString(), line, original)
                : Rejected.failed(invalid.reason(), detail, "producer", file.getFileName().toString(), line, original,
                        invalid.error());
        try {
            producer.send(new ProducerRecord<>(Names.TOPIC_REJECTED, null, null,
                    file.getFileName() + ":" + line, Json.mapper().writeValueAsString(rejected),
                    headers(source, line)));
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

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("Replay interrupted", e);
        }
    }

    private Properties producerProperties() {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // No retries inside the client, hence no idempotence (it needs retries), and one request in
        // flight so that a failed batch is never overtaken: the first failure stops the attempt
        // (Connection) and run() goes on from what Kafka holds. Kafka's idempotence cannot be relied
        // on here: the broker forgets a producer whose last record is dated more than
        // producer.id.expiration.ms ago (it compares the records' own time, event time from 2020)
        // when it reloads its logs, so after a broker restart a retried batch was written twice.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.RETRIES_CONFIG, "0");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        // a send() waiting for metadata or buffer space while the broker is away waits this long at most
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

    /**
     * One producer of one attempt. The first failed record closes it at once, from its callback (in
     * the producer's I/O thread, before it sends anything else): every record queued behind the failed
     * one is dropped, never sent, so no partition gets a gap.
     */
    private static final class Connection implements AutoCloseable {
        final KafkaProducer<String, String> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final AtomicBoolean acknowledged = new AtomicBoolean();
        private final Callback onDelivery;

        Connection(final Properties props) {
            this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            this.onDelivery = (metadata, exception) -> {
                if (exception == null) {
                    acknowledged.set(true);
                } else if (failure.compareAndSet(null, exception)) {
                    producer.close(Duration.ZERO);
                }
            };
        }

        void send(final ProducerRecord<String, String> record) {
            try {
                producer.send(record, onDelivery);
            } catch (final KafkaException | IllegalStateException e) {
                // IllegalStateException: a failed record's callback closed the producer under this send
                checkFailure();
                throw e;
            }
        }

        /** Throws if a record failed: {@link ConnectionLost} when trying again may help, {@link ReplayException} otherwise. */
        void checkFailure() {
            final Exception e = failure.get();
            if (e == null) {
                return;
            }
            if (e instanceof RetriableException) {
                throw new ConnectionLost(e, acknowledged.get());
            }
            throw new ReplayException("A record could not be delivered to Kafka: " + e.getMessage()
                    + ". Nothing after it was sent; run the replay again (resume is on by default) to continue.", e);
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** A send failed for a reason that may pass; {@code progressed}: Kafka acknowledged records of this attempt. */
    private static final class ConnectionLost extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean progressed;

        ConnectionLost(final Exception cause, final boolean progressed) {
            super(cause.getMessage(), cause);
            this.progressed = progressed;
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
