package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.localkafka.ClusterNode;
import dev.shopreco.localkafka.LocalKafkaClusterExtension;
import dev.shopreco.reliability.support.JarProcess;
import dev.shopreco.reliability.support.ReplayCopies;
import dev.shopreco.reliability.support.Scenario;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay on the 3-broker cluster, each line on {@code shop.sessions} exactly once (by the
 * replay's own headers, read as the topology reads, {@code read_committed}) through two faults: the
 * broker leading most partitions SIGKILLed while it sends at full speed, and the replay's own process
 * SIGKILLed in the middle of a transaction and run again.
 */
class ReplayFaultsIntegrationTest {

    @RegisterExtension
    static final LocalKafkaClusterExtension KAFKA = new LocalKafkaClusterExtension();

    @Test
    void shouldDeliverEveryLineOnceWhenTheLeaderIsKilledDuringAFullSpeedReplay(@TempDir final Path tmp)
            throws Exception {
        final Path data = Scenario.generated(tmp.resolve("data"), 150, 31);
        final Path sessions = new DataFolder(data).file(DataFolder.SESSIONS);
        final long lines = lines(data);
        final CompletableFuture<Integer> replay = Scenario.replay(data, KAFKA.bootstrapServers());
        final ClusterNode leader;
        final String before;
        try (Admin admin = KAFKA.admin()) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> uncommittedEnd(admin) >= lines / 2 || replay.isDone());
            before = leaders(admin);
            leader = KAFKA.cluster().node(leaderOfMost(admin));
        }
        assertTrue(!replay.isDone(), "the replay is still sending");
        final long killed = System.nanoTime();
        leader.kill();
        assertEquals(0, replay.get(), "the replay went on with two brokers and finished");
        final double afterKill = (System.nanoTime() - killed) / 1e9;
        final String after;
        try (Admin admin = KAFKA.admin()) {
            after = leaders(admin);
        }
        leader.start();
        KAFKA.cluster().awaitRunning(leader, Duration.ofMinutes(2));
        final ReplayCopies copies = ReplayCopies.read(KAFKA.bootstrapServers(), sessions);
        System.out.printf("Replay, leader killed: node %d (leaders before %s; after %s); the replay finished %.1f s"
                + " after the kill; %s", leader.id(), before, after, afterKill, copies.report());
        assertEquals(lines, copies.distinct(), "distinct lines (replay.source, replay.seq) on shop.sessions");
        assertEquals(0, copies.extra(), "records on shop.sessions written more than once:\n" + copies.report());
    }

    @Test
    void shouldDeliverEveryLineOnceWhenTheReplayIsKilledAndRunAgain(@TempDir final Path tmp) throws Exception {
        final Path data = Scenario.generated(tmp.resolve("data"), 150, 32);
        final Path sessions = new DataFolder(data).file(DataFolder.SESSIONS);
        final long lines = lines(data);
        final long committed;
        try (Admin admin = KAFKA.admin();
                JarProcess first = JarProcess.start("producer.jar", Map.of(), tmp.resolve("replay-1.log"), "replay",
                        "--data", data.toString(), "--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress")) {
            final long start = uncommittedEnd(admin);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> uncommittedEnd(admin) - start >= lines / 2 || !first.isAlive());
            assertTrue(first.isAlive(), "the first replay is still sending:\n" + first.output());
            first.close();
            committed = ReplayCopies.read(KAFKA.bootstrapServers(), sessions).distinct();
        }
        assertTrue(committed < lines, "the killed replay had not delivered everything: " + committed);
        assertEquals(0, Scenario.replay(data, KAFKA.bootstrapServers()).get(), "the second replay");
        final ReplayCopies copies = ReplayCopies.read(KAFKA.bootstrapServers(), sessions);
        System.out.printf("Replay, killed (SIGKILL) with %d of %d lines committed, then run again: %s", committed,
                lines, copies.report());
        assertEquals(lines, copies.distinct(), "distinct lines (replay.source, replay.seq) on shop.sessions");
        assertEquals(0, copies.extra(), "records on shop.sessions written more than once:\n" + copies.report());
    }

    private static long lines(final Path data) throws Exception {
        try (BufferedReader reader = new DataFolder(data).open(DataFolder.SESSIONS)) {
            return reader.lines().filter(l -> !l.isBlank()).count();
        }
    }

    /** Records appended to shop.sessions, committed or not (the high watermarks' sum). */
    private static long uncommittedEnd(final Admin admin) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(Names.TOPIC_SESSIONS, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
                .values().stream().mapToLong(o -> o.offset()).sum();
    }

    private static List<TopicPartitionInfo> partitions(final Admin admin) throws Exception {
        return admin.describeTopics(List.of(Names.TOPIC_SESSIONS)).allTopicNames().get().get(Names.TOPIC_SESSIONS)
                .partitions();
    }

    /** Partition: leader and in-sync replicas of shop.sessions, for the report. */
    private static String leaders(final Admin admin) throws Exception {
        return partitions(admin).stream().map(p -> p.partition() + ": " + (p.leader() == null ? "-" : p.leader().id())
                + " " + p.isr().stream().map(n -> Integer.toString(n.id())).toList())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** The node leading the most partitions of shop.sessions. */
    private static int leaderOfMost(final Admin admin) throws Exception {
        final Map<Integer, Integer> led = new HashMap<>();
        for (final TopicPartitionInfo p : partitions(admin)) {
            if (p.leader() != null) {
                led.merge(p.leader().id(), 1, Integer::sum);
            }
        }
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
