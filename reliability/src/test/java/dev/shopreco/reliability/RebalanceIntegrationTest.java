package dev.shopreco.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.reliability.support.ApiProcess;
import dev.shopreco.reliability.support.Scenario;
import dev.shopreco.reliability.support.StateCheck;
import dev.shopreco.reliability.support.Traffic;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.EvaluatedCondition;
import org.awaitility.core.TimeoutEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebalance and rolling restart: while a data set is replayed and processed by one API process, a
 * second one joins the application (partitions move to it) with half of the records still to come;
 * then both are restarted one at a time (SIGTERM, started again on their state directories, the
 * next one once every answer is a 200 again); then the second leaves (SIGTERM; its partitions move
 * back). Clients ask both all along: every answer is a correct list for the user or a 503 with
 * {@code Retry-After}, never a 500. At the end the state equals the batch reference and
 * {@code reco.served} holds no answer twice. Prints the 503 window of each restart.
 *
 * <p>{@code -Dreliability.standbys=N} gives both instances {@code STREAMS_STANDBY_REPLICAS=N}
 * (default: the application's default).
 */
class RebalanceIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String APP = "reco-rebalance";

    @Test
    void shouldAnswerCorrectlyOr503WhileASecondInstanceJoinsAndLeaves(@TempDir final Path tmp) throws Exception {
        final long started = System.nanoTime();
        final Path data = Scenario.generated(tmp.resolve("data"), 300, 21);
        final StreamsSettings settings = StreamsSettings.defaults().on(KAFKA.bootstrapServers(), APP, tmp);
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(settings, true));
        final long records = reference.interactions().size() + reference.rejected().size();
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        final Map<String, String> env = new HashMap<>(Scenario.API_ENV);
        final String standbys = System.getProperty("reliability.standbys", "");
        if (!standbys.isBlank()) {
            env.put("STREAMS_STANDBY_REPLICAS", standbys.trim());
        }
        try (Admin admin = KAFKA.admin();
                ApiProcess first = ApiProcess.create("api-a", tmp.resolve("a"), KAFKA.bootstrapServers(), APP, env);
                ApiProcess second = ApiProcess.create("api-b", tmp.resolve("b"), KAFKA.bootstrapServers(), APP, env)) {
            first.start().awaitHealthy(Duration.ofMinutes(3));
            // the replay in two parts, so that half of the records are still to come when the second
            // instance is up, however fast the first one processes the rest of the first half while the
            // second starts (one replay of everything raced it: at times nine tenths were processed
            // before the join, and the wait for a tenth more could not end); the second part resumes
            // where the first stopped (each line once)
            final CompletableFuture<Integer> firstHalf = Scenario.replay(data, KAFKA.bootstrapServers(),
                    "--limit=" + records / 2);
            try (Traffic traffic = new Traffic(List.of(first, second), reference.catalog().keySet(),
                    user -> user > 550, 3).start()) {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                        .conditionEvaluationListener(onTimeout(admin, first, second))
                        .until(() -> StateCheck.committedSessions(admin, APP) >= records / 5);
                second.start().awaitHealthy(Duration.ofMinutes(3));
                final long joinedAt = StateCheck.committedSessions(admin, APP);
                assertEquals(0, firstHalf.get(), "exit code of the first part of the replay");
                final CompletableFuture<Integer> replay = Scenario.replay(data, KAFKA.bootstrapServers());
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                        .conditionEvaluationListener(onTimeout(admin, first, second))
                        .until(() -> StateCheck.committedSessions(admin, APP) >= Math.max(joinedAt + records / 10,
                                records * 6 / 10));
                // answers from both instances while both hold partitions
                await().atMost(Duration.ofMinutes(1)).until(() -> second.http().status("/models/user/551") == 200);
                final String restarts = restart(traffic, first, second) + "; " + restart(traffic, second, first);
                second.stop();
                final long leftAt = StateCheck.committedSessions(admin, APP);
                assertEquals(0, replay.get(), "exit code of the second part of the replay");
                final List<String> markers = topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Scenario.markerTime());
                StateCheck.awaitProcessed(admin, topics, APP, first::isAlive);
                traffic.stop();
                System.out.printf("Rebalance: second instance joined at %d and left at %d of about %d records; "
                        + "answers %s%n", joinedAt, leftAt, records, traffic.outcomes());
                System.out.printf("Rolling restart (standby replicas %s): %s%n",
                        standbys.isBlank() ? "default" : standbys, restarts);
                assertEquals(List.of(), traffic.violations(), "answers that were neither a correct list nor a 503");
                assertTrue(traffic.answered("200") > 0, "answers during the run: " + traffic.outcomes());

                final int users = StateCheck.assertServedStateEqualsReference(first.http(), reference);
                final int served = StateCheck.assertServedOnce(topics);
                first.stop();
                final int[] compared = StateCheck.assertStoresEqualReference(admin, KAFKA.bootstrapServers(), APP,
                        tmp.resolve("verify-state"), reference, markers);
                System.out.printf("Rebalance: invariant holds (%d users over HTTP, %d interactions, %d dead letters); "
                        + "%d answers on reco.served, none twice; %d s%n", users, compared[0], compared[1], served,
                        (System.nanoTime() - started) / 1_000_000_000L);
            }
        }
    }

    /**
     * One step of a rolling restart: {@code api} stopped (SIGTERM), started again and healthy, then
     * every answer a 200 again (the last 30). Returns the 503s from the stop until then, their span
     * (in all, from {@code other} while {@code api} stopped and was down, from each after it started
     * again), and how long the whole step took.
     */
    private static String restart(final Traffic traffic, final ApiProcess api, final ApiProcess other) {
        final long stopAt = System.nanoTime();
        api.stop();
        final long startAt = System.nanoTime();
        api.start().awaitHealthy(Duration.ofMinutes(3));
        final long healthyAt = System.nanoTime();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> traffic.lastAllOk(30));
        final long settledAt = System.nanoTime();
        return String.format("%s: 503 %s (from %s while it stopped and was down %.1f s: %s; then from %s: %s, from "
                + "%s: %s), healthy again after %.1f s, every answer a 200 after %.1f s", api.name(),
                traffic.gap(503, stopAt, settledAt), other.name(), (startAt - stopAt) / 1e9,
                traffic.gap(503, stopAt, startAt, other.name()), other.name(),
                traffic.gap(503, startAt, settledAt, other.name()), api.name(),
                traffic.gap(503, startAt, settledAt, api.name()), (healthyAt - stopAt) / 1e9,
                (settledAt - stopAt) / 1e9);
    }

    /**
     * For a wait that gives up: the group's progress per partition, printed next to the failure, and a
     * thread dump in the log of each instance still running.
     */
    private static ConditionEvaluationListener<Object> onTimeout(final Admin admin, final ApiProcess... apis) {
        return new ConditionEvaluationListener<>() {
            @Override
            public void conditionEvaluated(final EvaluatedCondition<Object> condition) {
                // only the timeout is of interest
            }

            @Override
            public void onTimeout(final TimeoutEvent event) {
                System.out.println("Rebalance: gave up waiting; " + StateCheck.progress(admin, APP));
                for (final ApiProcess api : apis) {
                    api.dumpThreads();
                    System.out.println("Rebalance: " + api.describe());
                }
            }
        };
    }
}
