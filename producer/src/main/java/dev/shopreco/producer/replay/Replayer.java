package dev.shopreco.producer.replay;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.kafka.KafkaRefusal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
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
    /** A transaction is committed once it has been open this long (at the next record) ... */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    /** ... or holds this many records. */
    static final int COMMIT_RECORDS = 20_000;
    /** Prefix of the replay's transactional ids (for ACLs: the principal needs WRITE and DESCRIBE on it). */
    public static final String TRANSACTIONAL_ID_PREFIX = "shop-reco-replay-";

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final List<String> ORDERED_TOPICS = List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS,
            Names.TOPIC_SESSIONS);

    private final ReplayOptions options;
    private final SessionHook hook;
    private final ReplayTarget target;
    private final int commitRecords;

    public Replayer(final ReplayOptions options) {
        this(options, null);
    }

    /**
     * A replay in which {@code hook} (may be null) adds events of its own; its events carry the
     * header {@link #HEADER_ADDED} instead of a file position, so run it with resume off.
     */
    public Replayer(final ReplayOptions options, final SessionHook hook) {
        this(options, hook, new KafkaTarget(options.bootstrapServers(), options.deliveryTimeout(), options.client()),
                COMMIT_RECORDS);
    }

    Replayer(final ReplayOptions options, final SessionHook hook, final ReplayTarget target, final int commitRecords) {
        this.options = options;
        this.hook = hook;
        this.target = target;
        this.commitRecords = commitRecords;
    }

    /**
     * Runs the replay to its end (or its limit) and returns once every record is committed.
     *
     * <p>Records go out in transactions ({@link TransactionalProducer}). A failure that may pass (the
     * broker restarting, a lost connection, a leader moving for longer than the client retries) ends
     * the attempt. The next attempt's producer first makes Kafka decide every transaction the
     * earlier ones left open, then reads back the committed records ({@link DeliveredFrontier}) and
     * goes on from there, until {@code deliveryTimeout} has passed since the last commit. Committed
     * transactions are a prefix of the replay's order in every partition, and an aborted one is
     * invisible to {@code read_committed} readers, so no line is lost or delivered twice.
     *
     * @throws ReplayException if a record could not be delivered; nothing after the last committed
     *     transaction is visible, and a later run with resume on starts from the first line not committed
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
        final String transactionalId = transactionalId(sourceIds);
        // with --no-resume, what this run delivered is what lies past the ends of the topics now
        final Map<TopicPartition, Long> runStart = options.resume() ? Map.of()
                : target.endOffsets(List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS,
                        Names.TOPIC_REJECTED));
        // what runs before this one delivered (nothing with --no-resume): skipped and counted as such;
        // read by the first attempt that reaches Kafka, after its producer fenced a crashed run's
        DeliveredFrontier earlierRuns = null;
        long lastProgress = System.nanoTime();
        long resumes = 0;
        while (true) {
            final ReplaySummary summary = new ReplaySummary();
            summary.resumes = resumes;
            try (TransactionalProducer producer = new TransactionalProducer(target.newProducer(transactionalId),
                    COMMIT_INTERVAL, commitRecords)) {
                final DeliveredFrontier frontier;
                try {
                    producer.start();
                    if (earlierRuns == null) {
                        earlierRuns = options.resume()
                                ? target.frontier(ORDERED_TOPICS, Names.TOPIC_REJECTED, sourceIds, Map.of())
                                : DeliveredFrontier.none();
                        if (!earlierRuns.isEmpty()) {
                            LOG.info("Resuming: lines an earlier run delivered are skipped");
                        }
                        frontier = earlierRuns;
                    } else {
                        // what this run's earlier attempts committed: skipped, counted as sent
                        frontier = target.frontier(ORDERED_TOPICS, Names.TOPIC_REJECTED, sourceIds, runStart);
                    }
                } catch (final KafkaException | IllegalStateException e) {
                    throw unavailable(e);
                }
                new ReplayPass(options, hook, producer, earlierRuns, frontier, summary)
                        .run(products, users, sessions, sources);
                producer.commit();
                summary.elapsed = Duration.ofNanos(System.nanoTime() - start);
                return summary;
            } catch (final TransactionalProducer.Lost lost) {
                if (lost.progressed) {
                    lastProgress = System.nanoTime();
                }
                if (System.nanoTime() - lastProgress > options.deliveryTimeout().toNanos()) {
                    throw new ReplayException("Kafka committed nothing for " + options.deliveryTimeout()
                            + "; last error: " + lost.getCause().getMessage()
                            + ". Nothing after the last committed transaction is visible; run the replay again (resume"
                            + " is on by default) to continue.", lost.getCause());
                }
                resumes++;
                if (!lost.progressed) {
                    // failing again at once: do not spin against a broker that is still unwell
                    sleep(500);
                }
                LOG.warn("The replay lost its transaction ({}): reading back what Kafka committed and going on from"
                        + " there", lost.getCause().toString());
            }
        }
    }

    /** Kafka could not be reached to start an attempt or read back: the attempt is lost, unless Kafka refused us. */
    private static RuntimeException unavailable(final RuntimeException e) {
        if (KafkaRefusal.isRefusal(e)) {
            return e;
        }
        LOG.warn("Kafka is not available yet ({}); trying again", e.getMessage());
        return new TransactionalProducer.Lost(e, false);
    }

    /**
     * The transactional id of a replay of these files: the same for every run of the same data set,
     * so that a run fences what a crashed one left open instead of waiting for Kafka's timeout.
     */
    static String transactionalId(final Set<String> sourceIds) {
        final CRC32 crc = new CRC32();
        sourceIds.stream().sorted().forEach(id -> crc.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
        return TRANSACTIONAL_ID_PREFIX + Long.toHexString(crc.getValue());
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
