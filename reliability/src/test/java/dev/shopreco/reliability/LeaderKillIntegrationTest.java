package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.localkafka.ClusterNode;
import dev.shopreco.localkafka.LocalKafkaCluster;
import dev.shopreco.localkafka.LocalKafkaClusterExtension;
import dev.shopreco.reliability.support.ApiProcess;
import dev.shopreco.reliability.support.Http;
import dev.shopreco.reliability.support.Progress;
import dev.shopreco.reliability.support.ReplayCopies;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.reliability.support.StateCheck;
import dev.shopreco.reliability.support.Traffic;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.Lines;
import dev.shopreco.streams.topology.StreamsSettings;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker faults on the 3-broker cluster (3 replicas, 2 in sync). The broker leading most partitions
 * of {@code shop.sessions} and {@code shop.interactions} is SIGKILLed once while the replay sends
 * (paced to last about 20 s) and once while the topology processes; each is started again once the
 * two brokers left have carried the work on (the replay finished its part; processing moved on).
 * Then a broker is lost for good: the leader of most is SIGKILLed and never started again, and the
 * last part of the data set is replayed and processed by the two left. In the full form a second
 * broker is then SIGKILLed for a while (one broker left, below {@code min.insync.replicas}): the
 * scenario prints what still works and starts it again.
 *
 * <p>At the end the state equals the batch reference, {@code reco.served} holds every answer a
 * client got exactly once, and clients only ever got correct lists or 503s with
 * {@code Retry-After}. Prints how long the replay, the processing and the clients were held up
 * after each kill.
 *
 * <p>Short form (CI): a generated set of {@code reliability.cluster.users} (60) users. Full form:
 * {@code -Dshop.data=../data}, with the one-broker phase ({@code -Dreliability.one-broker=PT20S}
 * gives it on its own).
 */
class LeaderKillIntegrationTest {

    @RegisterExtension
    static final LocalKafkaClusterExtension KAFKA = new LocalKafkaClusterExtension();

    private static final String APP = "reco-leader-kill";

    /** How long the first part of the replay takes: the first kill comes a third of the way in. */
    private static final Duration FIRST_PART = Duration.ofSeconds(20);

    @Test
    void shouldKeepServingAndEqualTheBatchReferenceWhenTheLeaderBrokerIsKilled(@TempDir final Path tmp)
            throws Exception {
        final long started = System.nanoTime();
        final LocalKafkaCluster cluster = KAFKA.cluster();
        final Path data = Scenario.clusterDataSet(tmp.resolve("data"), 60, 41);
        final long lines = Scenario.sessionLines(data);
        final StreamsSettings settings = StreamsSettings.defaults().on(KAFKA.bootstrapServers(), APP, tmp);
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(settings, true));
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        try (ApiProcess api = ApiProcess.create("api", tmp.resolve("api"), KAFKA.bootstrapServers(), APP,
                Scenario.API_ENV);
                Admin admin = KAFKA.admin();
                Progress progress = new Progress(admin, APP, TopicSettings.DEFAULT_PARTITIONS)) {
            api.start().awaitHealthy(Duration.ofMinutes(3));
            progress.start();
            // the replay in two parts: the first (two thirds of the lines) through the first kill, the
            // second (resuming) once the broker is back, so that the second kill finds the topology at
            // work however fast it keeps up with the replay. The first part is paced to last about
            // FIRST_PART: at full speed it can end before a sample shows a third of it committed.
            final CompletableFuture<Integer> firstPart = Scenario.replay(data, KAFKA.bootstrapServers(),
                    "--limit=" + lines * 2 / 3, "--speed=" + Scenario.speedFor(data, 2.0 / 3, FIRST_PART));
            try (Traffic traffic = new Traffic(List.of(api), reference.catalog().keySet(), user -> user > 550, 7)
                    .start()) {
                // 1. during the replay: a third of the lines committed on shop.sessions
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> progress.sent() >= lines / 3 || firstPart.isDone());
                assertTrue(!firstPart.isDone(), "the replay's first part finished before the kill");
                final ClusterNode first = cluster.node(leaderOfMost(admin));
                final long sentAtKill = progress.sent();
                final long firstKill = System.nanoTime();
                first.kill();
                assertEquals(0, firstPart.get(), "the replay went on with two brokers and finished its part");
                final long replayDone = System.nanoTime();
                first.start();
                cluster.awaitRunning(first, Duration.ofMinutes(2));
                final long firstBack = System.nanoTime();

                // 2. during processing: the topology at work on the second part
                final long processedBefore = StateCheck.committedSessions(admin, APP);
                final CompletableFuture<Integer> secondPart = Scenario.replay(data, KAFKA.bootstrapServers(),
                        "--limit=" + lines / 6);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> StateCheck.committedSessions(admin, APP) > processedBefore);
                final long processedAtKill = StateCheck.committedSessions(admin, APP);
                final ClusterNode second = cluster.node(leaderOfMost(admin));
                final long secondKill = System.nanoTime();
                second.kill();
                assertEquals(0, secondPart.get(), "the second part of the replay");
                final long secondPartEnd = Progress.settledSessionsEnd(admin, TopicSettings.DEFAULT_PARTITIONS);
                // processing goes on with two brokers, a quarter of what was left at the kill, before the killed one is back
                final long target = processedAtKill + Math.max(1, (secondPartEnd - processedAtKill) / 4);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                        .until(() -> StateCheck.committedSessions(admin, APP) >= target);
                final long secondMoved = System.nanoTime();
                second.start();
                cluster.awaitRunning(second, Duration.ofMinutes(2));
                final long secondBack = System.nanoTime();
                cluster.awaitInSync(List.of(Names.TOPIC_SESSIONS, Names.TOPIC_INTERACTIONS), Duration.ofMinutes(3));

                // 3. a broker lost for good: the leader of most killed and never started again; the rest of
                // the data set is replayed and processed by the two left
                final long processedAtLoss = StateCheck.committedSessions(admin, APP);
                final ClusterNode lost = cluster.node(leaderOfMost(admin));
                final long lossAt = System.nanoTime();
                lost.kill();
                assertEquals(0, Scenario.replay(data, KAFKA.bootstrapServers()).get(),
                        "the last part of the replay, on two brokers");
                final long thirdPartDone = System.nanoTime();
                // the producer's half of the promise, on its own: every line once on shop.sessions
                final ReplayCopies copies = ReplayCopies.read(KAFKA.bootstrapServers(), null);
                assertEquals(lines, copies.distinct(), "distinct lines on shop.sessions after the replay");
                assertEquals(0, copies.extra(), "lines on shop.sessions twice:\n" + copies.report());
                final long sessionsEnd = Progress.settledSessionsEnd(admin, TopicSettings.DEFAULT_PARTITIONS);
                // processing goes on with two brokers: half of what was left at the loss
                final long lossTarget = processedAtLoss + Math.max(1, (sessionsEnd - processedAtLoss) / 2);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                        .until(() -> StateCheck.committedSessions(admin, APP) >= lossTarget);
                final long lossMoved = System.nanoTime();

                // 4. (full form) one broker left: the end-of-input markers are sent while a second broker is down
                final Duration oneBroker = oneBrokerHold();
                final CompletableFuture<List<String>> marking;
                String oneBrokerReport = "";
                String posted = null;
                if (oneBroker.isZero()) {
                    marking = CompletableFuture.completedFuture(
                            topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Scenario.markerTime()));
                } else {
                    final ClusterNode down = cluster.nodes().stream().filter(ClusterNode::isRunning).findFirst()
                            .orElseThrow();
                    final long downAt = System.nanoTime();
                    down.kill();
                    marking = CompletableFuture.supplyAsync(
                            () -> topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Scenario.markerTime()));
                    // an event posted while down: without a product, so the topology refuses it like a marker
                    posted = Lines.event(2_100_000_001L, Scenario.markerTime(), null, null, "VIEW_PRODUCT");
                    final long postAt = System.nanoTime();
                    final Http.Response post = api.http().send(api.http().request("/events")
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(posted)));
                    final double postSeconds = (System.nanoTime() - postAt) / 1e9;
                    assertTrue(post.status() == 202 || post.status() == 503, "POST /events with one broker: "
                            + post.status() + " " + post.body());
                    Thread.sleep(Math.max(0, oneBroker.toMillis() - (System.nanoTime() - downAt) / 1_000_000));
                    final boolean markedDuring = marking.isDone();
                    final long upAt = System.nanoTime();
                    down.start();
                    cluster.awaitRunning(down, Duration.ofMinutes(2));
                    marking.get(2, TimeUnit.MINUTES);
                    final long markedAt = System.nanoTime();
                    // the group's offsets may not even be readable now (their coordinator's partition may
                    // have no leader): the progress samples that could be taken tell
                    oneBrokerReport = String.format("One broker left (node %d down too, %.1f s): POST /events answered "
                            + "%d after %.1f s; markers acknowledged while down: %s (all %.1f s after the second broker "
                            + "was started again); the group committed nothing readable for %.1f s; clients while "
                            + "down: 200 %s, 503 %s", down.id(), (upAt - downAt) / 1e9, post.status(), postSeconds,
                            markedDuring, (markedAt - upAt) / 1e9,
                            progress.processStall(downAt, markedAt), traffic.gap(200, downAt, upAt),
                            traffic.gap(503, downAt, upAt));
                }
                final List<String> markers = new ArrayList<>(marking.get());
                if (posted != null) {
                    // written or not: if it was, the topology refused it, like a marker
                    markers.add(posted);
                }
                StateCheck.awaitProcessed(admin, topics, APP, api::isAlive);
                traffic.stop();
                progress.close();
                System.out.printf("Leader kill 1 (replay): node %d killed with %d of %d lines on shop.sessions; the replay "
                        + "sent nothing for %.1f s at most and finished its part %.1f s after the kill; processing "
                        + "stalled %.1f s at most; clients: 503 %s; broker down %.1f s%n", first.id(), sentAtKill, lines,
                        progress.sendStall(firstKill, replayDone), (replayDone - firstKill) / 1e9,
                        progress.processStall(firstKill, firstBack), traffic.gap(503, firstKill, firstBack),
                        (firstBack - firstKill) / 1e9);
                System.out.printf("Leader kill 2 (processing): node %d killed at %d of %d offsets processed; processing "
                        + "stalled %.1f s at most, a quarter of the backlog done %.1f s after the kill; clients: 503 %s, "
                        + "broker down %.1f s; answers %s%n", second.id(), processedAtKill, secondPartEnd,
                        progress.processStall(secondKill, secondMoved), (secondMoved - secondKill) / 1e9,
                        traffic.gap(503, secondKill, secondBack), (secondBack - secondKill) / 1e9, traffic.outcomes());
                System.out.printf("Broker lost (node %d, never started again): killed at %d of %d offsets processed; "
                        + "the replay's last part (%d offsets) took %.1f s on two brokers; processing stalled %.1f s "
                        + "at most, half of what was left done %.1f s after the kill; clients: 503 %s%n", lost.id(),
                        processedAtLoss, sessionsEnd, sessionsEnd - secondPartEnd, (thirdPartDone - lossAt) / 1e9,
                        progress.processStall(lossAt, lossMoved), (lossMoved - lossAt) / 1e9,
                        traffic.gap(503, lossAt, lossMoved));
                if (!oneBrokerReport.isEmpty()) {
                    System.out.println(oneBrokerReport);
                }
                assertEquals(List.of(), traffic.violations(), "answers that were neither a correct list nor a 503");
                assertTrue(traffic.answered("200") > 0, "answers during the run: " + traffic.outcomes());
                final int users = StateCheck.assertServedStateEqualsReference(api.http(), reference);
                final int served = StateCheck.assertServedExactlyOnce(topics, traffic.servedIds());
                api.stop();
                final int[] compared = StateCheck.assertStoresEqualReference(admin, KAFKA.bootstrapServers(), APP,
                        tmp.resolve("verify-state"), reference, markers);
                System.out.printf("Leader kill: invariant holds (%d users over HTTP, %d interactions, %d dead letters); "
                        + "%d answers on reco.served, each client's once; %d s%n", users, compared[0], compared[1],
                        served, (System.nanoTime() - started) / 1_000_000_000L);
            }
        }
    }

    /**
     * How long the full form keeps a second broker down: {@code -Dreliability.one-broker} (an ISO
     * duration), PT20S when the scenario runs on {@code -Dshop.data}, otherwise none.
     */
    private static Duration oneBrokerHold() {
        final String hold = System.getProperty("reliability.one-broker");
        if (hold != null && !hold.isBlank()) {
            return Duration.parse(hold.trim());
        }
        return System.getProperty("shop.data") != null ? Duration.ofSeconds(20) : Duration.ZERO;
    }

    /** The node leading the most partitions of shop.sessions and shop.interactions together. */
    static int leaderOfMost(final Admin admin) throws Exception {
        final Map<Integer, Integer> led = new HashMap<>();
        final Map<String, TopicDescription> described = admin.describeTopics(
                List.of(Names.TOPIC_SESSIONS, Names.TOPIC_INTERACTIONS)).allTopicNames().get();
        for (final TopicDescription topic : described.values()) {
            for (final TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() != null) {
                    led.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
        }
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
