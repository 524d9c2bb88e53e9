package dev.shopreco.producer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume without a broker: the replay writes through Kafka's {@link MockProducer} into an in-memory
 * log that keeps only the records of committed transactions, as a partition's log shows them to a
 * {@code read_committed} consumer; a new producer's {@code initTransactions} fences the one before,
 * whose open transaction never shows. Whatever fails and whenever (a record, a commit before or
 * after it took effect, the start of an attempt), each line of the fixture must end up in the log
 * exactly once, in the replay's order within each partition. {@code ReplayIntegrationTest} checks
 * the same against a real broker, {@code reliability}'s {@code ReplayFaultsIntegrationTest}
 * against a cluster losing a broker.
 */
class ReplayResumeTest {

    /** The fixture's valid session lines, products and users (see ReplayIntegrationTest). */
    private static final List<Long> VALID_SESSION_LINES = List.of(1L, 2L, 3L, 4L, 5L, 6L, 15L, 16L, 17L, 18L, 19L);
    private static final int BAD_SESSION_LINES = 7;
    private static final int PRODUCTS = 3;
    private static final int USERS = 2;
    /** Every record a complete replay of the fixture writes: 3 + 2 + 11 lines, 1 + 1 + 7 dead letters. */
    private static final int ALL_RECORDS = PRODUCTS + USERS + VALID_SESSION_LINES.size() + 2 + BAD_SESSION_LINES;
    /** Records per transaction in these tests, so that a replay of the fixture commits several. */
    private static final int PER_TRANSACTION = 4;
    private static final int TRANSACTIONS = (ALL_RECORDS + PER_TRANSACTION - 1) / PER_TRANSACTION;

    @TempDir
    Path data;

    @Test
    void aSendThatFailsMidwayResumesFromTheLogAndDeliversEachLineOnce() throws IOException {
        copyFixture();
        for (int failAt = 1; failAt <= ALL_RECORDS; failAt++) {
            final LogTarget kafka = new LogTarget(3, failAt, new NetworkException("leader moved"));
            final ReplaySummary summary = replayer(options(true), kafka).run();
            assertEachLineOnceInOrder(kafka, "failure at send " + failAt);
            assertEquals(1, summary.resumes(), "failure at send " + failAt);
            assertEquals(VALID_SESSION_LINES.size(), summary.events(), "lines this run delivered count once");
            assertEquals(0, summary.alreadyDelivered(), "nothing came from an earlier run");
        }
    }

    @Test
    void aCommitWhoseAnswerIsLostIsNotSentAgain() throws IOException {
        copyFixture();
        for (int commit = 1; commit <= TRANSACTIONS; commit++) {
            final LogTarget kafka = new LogTarget(3, 0, null);
            kafka.failCommit(commit, true);
            final ReplaySummary summary = replayer(options(true), kafka).run();
            assertEachLineOnceInOrder(kafka, "commit " + commit + " took effect, its answer was lost");
            assertEquals(1, summary.resumes(), "commit " + commit);
            assertEquals(VALID_SESSION_LINES.size(), summary.events(), "commit " + commit);
        }
    }

    @Test
    void aCommitThatFailedIsSentAgain() throws IOException {
        copyFixture();
        for (int commit = 1; commit <= TRANSACTIONS; commit++) {
            final LogTarget kafka = new LogTarget(3, 0, null);
            kafka.failCommit(commit, false);
            final ReplaySummary summary = replayer(options(true), kafka).run();
            assertEachLineOnceInOrder(kafka, "commit " + commit + " failed");
            assertEquals(1, summary.resumes(), "commit " + commit);
        }
    }

    @Test
    void anAttemptThatCannotStartIsTriedAgain() throws IOException {
        copyFixture();
        final LogTarget kafka = new LogTarget(3, 0, null);
        kafka.failStarts(2);
        final ReplaySummary summary = replayer(options(true), kafka).run();
        assertEachLineOnceInOrder(kafka, "after two starts timed out");
        assertEquals(2, summary.resumes());
    }

    @Test
    void aSecondRunSendsOnlyWhatTheFirstDidNot() throws IOException {
        copyFixture();
        final LogTarget kafka = new LogTarget(4, 0, null);
        final ReplaySummary first = replayer(limited(4), kafka).run();
        assertEquals(4, first.events());
        assertEquals(4, kafka.lines(Names.TOPIC_SESSIONS).size());

        final ReplaySummary second = replayer(options(true), kafka).run();
        assertEachLineOnceInOrder(kafka, "second run");
        assertEquals(VALID_SESSION_LINES.size() - 4, second.events());
        assertTrue(second.alreadyDelivered() >= 4 + PRODUCTS + USERS, "skipped: " + second.alreadyDelivered());

        final ReplaySummary third = replayer(options(true), kafka).run();
        assertEquals(0, third.events() + third.products() + third.users(), "a finished replay sends nothing again");
        assertEquals(ALL_RECORDS, kafka.size());
    }

    @Test
    void withoutResumeEverythingIsSentAgainAndAFailureResumesWithinThisRun() throws IOException {
        copyFixture();
        final LogTarget kafka = new LogTarget(2, 0, null);
        replayer(options(false), kafka).run();
        kafka.failAt(kafka.sends() + 9, new NetworkException("connection lost"));
        final ReplaySummary again = replayer(options(false), kafka).run();
        assertEquals(1, again.resumes());
        assertEquals(VALID_SESSION_LINES.size(), again.events());
        assertEquals(2 * ALL_RECORDS, kafka.size(), "each line twice: once per run, not once more for the failure");
    }

    @Test
    void aFailureThatCannotPassStopsTheReplayWithNothingSentAfterIt() throws IOException {
        copyFixture();
        final LogTarget kafka = new LogTarget(3, 8, new RecordTooLargeException("too large"));
        final Replayer.ReplayException stopped = assertThrows(Replayer.ReplayException.class,
                () -> replayer(options(true), kafka).run());
        assertTrue(stopped.getMessage().contains("too large"), stopped.getMessage());
        assertEquals(PER_TRANSACTION, kafka.size(), "the transaction before the failed record, nothing of its own");

        kafka.failAt(0, null);
        replayer(options(true), kafka).run();
        assertEachLineOnceInOrder(kafka, "the run after the stop");
    }

    @Test
    void aBrokerThatAcknowledgesNothingStopsTheReplayAfterTheDeliveryTimeout() throws IOException {
        copyFixture();
        final LogTarget kafka = new LogTarget(3, 1, new NetworkException("broker down"));
        kafka.failEverySendFrom(1);
        final Replayer.ReplayException stopped = assertThrows(Replayer.ReplayException.class,
                () -> replayer(options(true, Duration.ZERO), kafka).run());
        assertTrue(stopped.getMessage().startsWith("Kafka committed nothing for"), stopped.getMessage());
        assertEquals(0, kafka.size());
    }

    @Test
    void theFrontierCountsOnlyTheRecordsOfTheFilesReplayed() {
        final TopicPartition p0 = new TopicPartition(Names.TOPIC_SESSIONS, 0);
        final TopicPartition p1 = new TopicPartition(Names.TOPIC_SESSIONS, 1);
        final DeliveredFrontier frontier = DeliveredFrontier.of(
                Map.of(p0, headers("a", 7, 12), p1, headers("other data set", 3, 3)),
                List.of(headers("a", 9, 9), headers("b", 4, 4), new RecordHeaders()), Set.of("a", "b"));
        assertTrue(frontier.delivered(p0, 12));
        assertTrue(frontier.delivered(p0, 1), "the log of a partition is a prefix of the replay's order");
        assertFalse(frontier.delivered(p0, 13));
        assertFalse(frontier.delivered(p1, 1), "a partition that ends with another data set's record");
        assertTrue(frontier.rejectedDelivered("a", 9));
        assertTrue(frontier.rejectedDelivered("b", 4));
        assertFalse(frontier.rejectedDelivered("a", 4));
        assertFalse(frontier.isEmpty());
        assertTrue(DeliveredFrontier.of(Map.of(p1, headers("x", 1, 1)), List.of(), Set.of("a")).isEmpty());
    }

    private static Headers headers(final String source, final long line, final long seq) {
        return ReplayRecords.line(Names.TOPIC_SESSIONS, 0, 0L, "k", "v", source, line, seq).headers();
    }

    /** Each line of the fixture once in the log; in every partition, ascending positions of the replay's order. */
    private void assertEachLineOnceInOrder(final LogTarget kafka, final String what) {
        assertEquals(VALID_SESSION_LINES, kafka.lines(Names.TOPIC_SESSIONS).stream().sorted().toList(), what);
        assertEquals(PRODUCTS, kafka.lines(Names.TOPIC_PRODUCTS).size(), what);
        assertEquals(USERS, kafka.lines(Names.TOPIC_USERS).size(), what);
        assertEquals(2 + BAD_SESSION_LINES, kafka.lines(Names.TOPIC_REJECTED).size(), what);
        assertEquals(ALL_RECORDS, kafka.size(), what);
        kafka.log.forEach((partition, records) -> {
            if (!partition.topic().equals(Names.TOPIC_REJECTED)) {
                final List<Long> seqs = records.stream().map(r -> header(r, SourceId.HEADER_SEQ)).toList();
                assertEquals(seqs.stream().sorted().toList(), seqs, what + ": order of " + partition);
            }
        });
    }

    private static Replayer replayer(final ReplayOptions options, final LogTarget kafka) {
        return new Replayer(options, null, kafka, PER_TRANSACTION);
    }

    private ReplayOptions options(final boolean resume) {
        return options(resume, Duration.ofMinutes(1));
    }

    private ReplayOptions options(final boolean resume, final Duration deliveryTimeout) {
        return new ReplayOptions(data, "unused:9", 0, null, null, 0, resume, deliveryTimeout, 1000, false,
                SessionEventParser.DEFAULT_MAX_AHEAD, KafkaClientSettings.NONE);
    }

    private ReplayOptions limited(final long limit) {
        return new ReplayOptions(data, "unused:9", 0, null, null, limit, true, Duration.ofMinutes(1), 1000, false,
                SessionEventParser.DEFAULT_MAX_AHEAD, KafkaClientSettings.NONE);
    }

    private void copyFixture() throws IOException {
        for (final String name : List.of("products.jsonl", "users.jsonl", "sessions.jsonl")) {
            try (InputStream in = ReplayResumeTest.class.getResourceAsStream("/replay-fixture/" + name)) {
                Files.copy(in, data.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static long header(final ProducerRecord<String, String> record, final String name) {
        return Long.parseLong(new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8));
    }

    /**
     * The replay's topics as an in-memory log of committed records. A producer's record is
     * acknowledged in batches of {@link #BATCH} (so a failure finds records in flight) and reaches
     * the log when its transaction commits. A failure fails the first record in flight; the
     * transaction it belonged to never commits (the replay's producer refuses to). A new producer's
     * {@code initTransactions} fences the earlier ones.
     */
    private static final class LogTarget implements ReplayTarget {

        private static final int BATCH = 4;
        private static final Node NODE = new Node(0, "localhost", 9092);

        final Map<TopicPartition, List<ProducerRecord<String, String>>> log = new HashMap<>();
        private final Cluster cluster;
        private int sends;
        private int failAt;
        private boolean failEvery;
        private RuntimeException failure;
        private int commits;
        private int failCommit;
        private boolean commitTakesEffect;
        private int failStarts;
        private int generation;

        LogTarget(final int partitions, final int failAt, final RuntimeException failure) {
            final List<PartitionInfo> infos = new ArrayList<>();
            for (final String topic : List.of(Names.TOPIC_PRODUCTS, Names.TOPIC_USERS, Names.TOPIC_SESSIONS,
                    Names.TOPIC_REJECTED)) {
                for (int p = 0; p < partitions; p++) {
                    infos.add(new PartitionInfo(topic, p, NODE, new Node[] {NODE}, new Node[] {NODE}));
                }
            }
            this.cluster = new Cluster("log", List.of(NODE), infos, Set.of(), Set.of());
            failAt(failAt, failure);
        }

        /** The {@code n}-th send from now on (counting all producers; 0: none) fails with {@code e}. */
        void failAt(final int n, final RuntimeException e) {
            this.failAt = n;
            this.failure = e;
        }

        void failEverySendFrom(final int n) {
            failAt = n;
            failEvery = true;
        }

        /** The {@code n}-th commit times out; {@code takesEffect}: after its records reached the log. */
        void failCommit(final int n, final boolean takesEffect) {
            failCommit = n;
            commitTakesEffect = takesEffect;
        }

        /** The next {@code n} producers' initTransactions time out. */
        void failStarts(final int n) {
            failStarts = n;
        }

        int sends() {
            return sends;
        }

        int size() {
            return log.values().stream().mapToInt(List::size).sum();
        }

        /** The line numbers in {@code topic}'s log, every partition. */
        List<Long> lines(final String topic) {
            return log.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .flatMap(e -> e.getValue().stream()).map(r -> header(r, SourceId.HEADER_LINE)).toList();
        }

        @Override
        public Producer<String, String> newProducer(final String transactionalId) {
            assertTrue(transactionalId.startsWith(Replayer.TRANSACTIONAL_ID_PREFIX), transactionalId);
            return new MockProducer<>(cluster, false, null, new StringSerializer(), new StringSerializer()) {
                private final Deque<ProducerRecord<String, String>> inFlight = new ArrayDeque<>();
                private final List<ProducerRecord<String, String>> transaction = new ArrayList<>();
                private int myGeneration = -1;

                @Override
                public void initTransactions() {
                    if (failStarts > 0) {
                        failStarts--;
                        throw new TimeoutException("coordinator not available");
                    }
                    super.initTransactions();
                    myGeneration = ++generation;
                }

                @Override
                public synchronized Future<RecordMetadata> send(final ProducerRecord<String, String> record,
                        final Callback callback) {
                    final Future<RecordMetadata> result = super.send(record, callback);
                    inFlight.add(record);
                    sends++;
                    if (failAt > 0 && (sends == failAt || failEvery && sends > failAt)) {
                        errorNext(failure);
                    } else if (inFlight.size() >= BATCH) {
                        flush();
                    }
                    return result;
                }

                /** Completes the first record in flight: {@code completeNext} is {@code errorNext(null)}. */
                @Override
                public synchronized boolean errorNext(final RuntimeException e) {
                    if (e == null) {
                        final boolean completed = super.errorNext(null);
                        if (completed) {
                            transaction.add(inFlight.remove());
                        }
                        return completed;
                    }
                    inFlight.pollFirst();
                    return super.errorNext(e);
                }

                @Override
                public void commitTransaction() {
                    if (myGeneration != generation) {
                        throw new ProducerFencedException("a newer producer started");
                    }
                    flush();
                    commits++;
                    final boolean fails = commits == failCommit;
                    if (!fails || commitTakesEffect) {
                        transaction.forEach(LogTarget.this::append);
                    }
                    transaction.clear();
                    if (fails) {
                        throw new TimeoutException("commit timed out");
                    }
                    super.commitTransaction();
                }

                @Override
                public void abortTransaction() {
                    transaction.clear();
                    super.abortTransaction();
                }

                /** As {@code KafkaProducer}: closing without waiting drops what is in flight. */
                @Override
                public void close(final Duration timeout) {
                    synchronized (this) {
                        inFlight.clear();
                        transaction.clear();
                    }
                    super.close(timeout);
                }

                @Override
                public void close() {
                    close(Duration.ofMillis(Long.MAX_VALUE));
                }
            };
        }

        private void append(final ProducerRecord<String, String> record) {
            final int partition = record.partition() != null ? record.partition()
                    : ReplayRecords.partitionFor(record.key(), cluster.partitionCountForTopic(record.topic()));
            log.computeIfAbsent(new TopicPartition(record.topic(), partition), p -> new ArrayList<>()).add(record);
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(final List<String> topics) {
            final Map<TopicPartition, Long> end = new HashMap<>();
            for (final String topic : topics) {
                for (final PartitionInfo info : cluster.partitionsForTopic(topic)) {
                    final TopicPartition partition = new TopicPartition(topic, info.partition());
                    end.put(partition, (long) log.getOrDefault(partition, List.of()).size());
                }
            }
            return end;
        }

        @Override
        public DeliveredFrontier frontier(final List<String> orderedTopics, final String rejectedTopic,
                final Set<String> sources, final Map<TopicPartition, Long> notBefore) {
            final Map<TopicPartition, Headers> last = new HashMap<>();
            final List<Headers> deadLetters = new ArrayList<>();
            log.forEach((partition, records) -> {
                final int from = notBefore.getOrDefault(partition, 0L).intValue();
                if (orderedTopics.contains(partition.topic()) && records.size() > from) {
                    last.put(partition, records.get(records.size() - 1).headers());
                } else if (partition.topic().equals(rejectedTopic)) {
                    records.subList(from, records.size()).forEach(r -> deadLetters.add(r.headers()));
                }
            });
            return DeliveredFrontier.of(last, deadLetters, sources);
        }
    }
}
