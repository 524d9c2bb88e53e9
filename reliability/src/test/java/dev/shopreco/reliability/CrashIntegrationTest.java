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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash: the API (with its topology) runs as {@code java -jar api.jar}; while a data set (a generated
 * 300-user set in {@code mvn verify}, the default data set with {@code -Dshop.data=../data}) is
 * replayed and processed it is killed with SIGKILL at {@code -Dreliability.kills} points (3 in
 * {@code mvn verify}, 10 for the full run) drawn by a seeded generator, one in each equal slice of the
 * processing, and restarted on the same state folder each time. Clients ask for recommendations all
 * along. At the end the served state, the stores, {@code shop.interactions} and the dead letters equal
 * the batch reference, and {@code reco.served} holds no answer twice.
 */
class CrashIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String APP = "reco-crash";

    @Test
    void shouldEqualTheBatchReferenceAfterSigkillsMidReplay(@TempDir final Path tmp) throws Exception {
        final long started = System.nanoTime();
        final int kills = Scenario.intProperty("reliability.kills", 3);
        final long seed = Scenario.intProperty("reliability.seed", 7);
        // CI: a generated 300-user set (about a third of data/), to keep mvn verify short;
        // -Dshop.data=../data for the default data set
        final Path data = System.getProperty("shop.data") != null ? Scenario.defaultDataSet()
                : Scenario.generated(tmp.resolve("data"), 300, seed);
        final StreamsSettings settings = StreamsSettings.defaults().on(KAFKA.bootstrapServers(), APP, tmp);
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.of(settings, true));
        final long records = reference.interactions().size() + reference.rejected().size();
        final KafkaTopics topics = new KafkaTopics(KAFKA.bootstrapServers());
        final List<Double> points = killPoints(kills, new Random(seed));

        try (Admin admin = KAFKA.admin();
                ApiProcess api = ApiProcess.create("api", tmp.resolve("api"), KAFKA.bootstrapServers(), APP,
                        Scenario.API_ENV)) {
            api.start().awaitHealthy(Duration.ofMinutes(3));
            final CompletableFuture<Integer> replay = Scenario.replay(data, KAFKA.bootstrapServers());
            final List<String> log = new ArrayList<>();
            try (Traffic traffic = new Traffic(List.of(api), reference.catalog().keySet(), user -> user > 550, seed)
                    .start()) {
                for (final double point : points) {
                    final long target = (long) (point * records);
                    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                            .until(() -> StateCheck.committedSessions(admin, APP) >= target);
                    final long at = StateCheck.committedSessions(admin, APP);
                    api.kill();
                    log.add(String.format("SIGKILL at %.3f of the records (committed %d of about %d), replay %s",
                            point, at, records, replay.isDone() ? "finished" : "running"));
                    api.start().awaitHealthy(Duration.ofMinutes(3));
                }
                assertEquals(0, replay.get(), "replay exit code");
                final List<String> markers = topics.sendWatermarks(TopicSettings.DEFAULT_PARTITIONS, Scenario.markerTime());
                StateCheck.awaitProcessed(admin, topics, APP, api::isAlive);
                traffic.stop();
                log.forEach(System.out::println);
                System.out.printf("Crash scenario: %d SIGKILLs survived (%d starts); answers during the run %s; %d s%n",
                        kills, api.starts(), traffic.outcomes(), (System.nanoTime() - started) / 1_000_000_000L);
                assertEquals(List.of(), traffic.violations(), "answers that were neither a correct list nor a 503");
                assertTrue(traffic.answered("200") > 0, "clients got answers during the run: " + traffic.outcomes());

                final int users = StateCheck.assertServedStateEqualsReference(api.http(), reference);
                final int served = StateCheck.assertServedOnce(topics);
                assertTrue(served > 0, "answers reached reco.served");
                api.stop();
                final int[] compared = StateCheck.assertStoresEqualReference(admin, KAFKA.bootstrapServers(), APP,
                        tmp.resolve("verify-state"), reference, markers);
                System.out.printf("Crash scenario: invariant holds over HTTP (%d users) and in the restored stores "
                        + "(%d interactions, %d topology dead letters); %d answers on reco.served, none twice; %d s%n",
                        users, compared[0], compared[1], served, (System.nanoTime() - started) / 1_000_000_000L);
            }
        }
    }

    /** One point in each of {@code n} equal slices of [0.05, 0.95) of the records, drawn by {@code random}. */
    static List<Double> killPoints(final int n, final Random random) {
        final List<Double> points = new ArrayList<>();
        final double width = 0.9 / n;
        for (int i = 0; i < n; i++) {
            points.add(0.05 + width * i + random.nextDouble() * width);
        }
        return points;
    }
}
