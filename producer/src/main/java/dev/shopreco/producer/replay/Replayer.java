package dev.shopreco.producer.replay;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.kafka.KafkaRefusal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a data folder into Kafka: products and users to their compacted topics (keyed by id),
 * then session events to {@code shop.sessions} (keyed by session id, record time = event time) in
 * event-time order; every refused line to {@code shop.sessions.rejected} with the reason, the file
 * and the line number ({@link ReplayPass}, {@link ReplayRecords}). Each record carries its file and
 * line in headers, which is what lets a later run, or the next attempt of this one, resume exactly
 * ({@link DeliveredFrontier}).
 */
public final class Replayer {

    /** Header of the events a {@link SessionHook} added (value: "true"). */
    public static final String HEADER_ADDED = "replay.added";

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final List<String> ORDERED_TOPICS = List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS,
            Names.TOPIC_SESSIONS);

    private final ReplayOptions options;
    private final SessionHook hook;
    private final ReplayTarget target;

    public Replayer(final ReplayOptions options) {
        this(options, null);
    }

    /**
     * A replay in which {@code hook} (may be null) adds events of its own; its events carry the
     * header {@link #HEADER_ADDED} instead of a file position, so run it with resume off.
     */
    public Replayer(final ReplayOptions options, final SessionHook hook) {
        this(options, hook, new KafkaTarget(options.bootstrapServers(), options.deliveryTimeout(), options.client()));
    }

    Replayer(final ReplayOptions options, final SessionHook hook, final ReplayTarget target) {
        this.options = options;
        this.hook = hook;
        this.target = target;
    }

    /**
     * Runs the replay to its end (or its limit) and waits until every record is acknowledged.
     *
     * <p>A send that fails for a reason that may pass (the broker restarting, a lost connection, a
     * leader moving) stops the attempt at once ({@link FailFastProducer}), so the log of each
     * partition stays a prefix of the replay's order. The replay then waits for Kafka, reads back
     * what it holds ({@link DeliveredFrontier}) and goes on from there, until {@code deliveryTimeout}
     * has passed since the last record Kafka acknowledged. The producer never retries by itself: a
     * retried batch can be written twice when the broker has forgotten the producer, which Kafka does
     * for records dated more than {@code producer.id.expiration.ms} (1 day) ago, as every replayed
     * event is.
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
        final Set<String> sourceIds = Set.copyOf(sources.values());
        // with --no-resume, what this run delivered is what lies past the ends of the topics now
        final Map<TopicPartition, Long> runStart = options.resume() ? Map.of()
                : target.endOffsets(List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS,
                        Names.TOPIC_REJECTED));
        // what runs before this one delivered (nothing with --no-resume): skipped and counted as such
        final DeliveredFrontier earlierRuns = options.resume()
                ? target.frontier(ORDERED_TOPICS, Names.TOPIC_REJECTED, sourceIds, Map.of())
                : DeliveredFrontier.none();
        if (!earlierRuns.isEmpty()) {
            LOG.info("Resuming: lines an earlier run delivered are skipped");
        }
        // what Kafka holds at the start of an attempt: skipped
        DeliveredFrontier frontier = earlierRuns;
        long lastProgress = System.nanoTime();
        long resumes = 0;
        while (true) {
            final ReplaySummary summary = new ReplaySummary();
            summary.resumes = resumes;
            try (FailFastProducer producer = new FailFastProducer(target.newProducer())) {
                new ReplayPass(options, hook, producer, earlierRuns, frontier, summary)
                        .run(products, users, sessions, sources);
                producer.flush();
                summary.elapsed = Duration.ofNanos(System.nanoTime() - start);
                return summary;
            } catch (final FailFastProducer.Lost lost) {
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
                frontier = readFrontierWhenAvailable(sourceIds, runStart, lastProgress);
            }
        }
    }

    /** The frontier, read again and again while Kafka is unavailable, until the delivery timeout. */
    private DeliveredFrontier readFrontierWhenAvailable(final Set<String> sourceIds,
            final Map<TopicPartition, Long> runStart, final long lastProgress) {
        while (true) {
            try {
                return target.frontier(ORDERED_TOPICS, Names.TOPIC_REJECTED, sourceIds, runStart);
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

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("Replay interrupted", e);
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
