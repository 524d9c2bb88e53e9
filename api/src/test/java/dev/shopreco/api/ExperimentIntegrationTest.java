package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.validation.SessionEventParser;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.producer.generate.GenerateCommand;
import dev.shopreco.producer.replay.ReplayOptions;
import dev.shopreco.producer.replay.Replayer;
import dev.shopreco.producer.simulate.ClickModel;
import dev.shopreco.producer.simulate.ClientSimulator;
import dev.shopreco.producer.simulate.Readout;
import dev.shopreco.producer.simulate.SimulationSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The live A/B analysis end to end: a generated month of a small shop is replayed with simulated
 * clients against one of two API instances (real broker, real HTTP, hash rule between POPULARITY
 * and RANDOM), and {@code GET /experiments/{name}} is read over HTTP from both instances.
 */
class ExperimentIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final String EXPERIMENT = "it-ab";

    private static ApiInstance first;
    private static ApiInstance second;
    private static SimulationSummary simulated;
    private static JsonNode readout;

    @BeforeAll
    static void simulate(@TempDir final Path data) throws IOException {
        assertEquals(0, new CommandLine(new GenerateCommand()).execute("--out", data.toString(), "--users", "30",
                "--months", "1", "--seed", "7"));
        final Map<String, Object> config = Map.of("experiment.name", EXPERIMENT, "experiment.rule", "hash",
                "experiment.hash.salt", "it", "experiment.hash.variants", "POPULARITY=1,RANDOM=1");
        first = ApiInstance.start(KAFKA.bootstrapServers(), config).awaitReady();

        // one instance while simulating: the simulator paces itself on GET /state/clock, which is per instance
        final ClientSimulator clients = new ClientSimulator(URI.create("http://" + first.hostPort()), data,
                ClickModel.defaults(), 42, 10, Duration.ofHours(1), Duration.ofSeconds(60));
        new Replayer(new ReplayOptions(data, KAFKA.bootstrapServers(), 0, null, null, 0, false,
                Duration.ofMinutes(2), 1_000_000, false, SessionEventParser.DEFAULT_MAX_AHEAD, KafkaClientSettings.NONE), clients).run();
        simulated = clients.summary();
        assertTrue(simulated.lists() > 100, "a list for most of the 158 sessions, got " + simulated.lists());
        assertEquals(0, simulated.unanswered());

        readout = Readout.await(URI.create("http://" + first.hostPort()), EXPERIMENT, simulated.lists(),
                Duration.ofMinutes(3));
        // a second instance joins: the partitions, the experiment's counts among them, are shared out
        second = ApiInstance.start(KAFKA.bootstrapServers(), config).awaitReady();
    }

    @AfterAll
    static void stop() {
        for (final ApiInstance instance : new ApiInstance[] {second, first}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void shouldCountEveryListTheSimulatedClientsWereServed() {
        final Map<String, JsonNode> variants = variants(readout);
        assertEquals(simulated.arms().keySet(), variants.keySet());
        simulated.arms().forEach((name, arm) -> {
            final JsonNode v = variants.get(name);
            assertEquals(arm.lists(), v.get("lists_served").asLong(), name + ": lists served");
            assertTrue(v.get("users_exposed").asLong() > 0 && v.get("users_exposed").asLong() <= 30, name + ": users");
        });
        final long users = variants.values().stream().mapToLong(v -> v.get("users_exposed").asLong()).sum();
        assertTrue(users <= 30, "each user in one variant, " + users);
    }

    @Test
    void shouldCountTheSimulatedClicksAndPurchasesWithinTheWindow() {
        variants(readout).forEach((name, v) -> {
            final SimulationSummary.Arm arm = simulated.arms().get(name);
            // every simulated click falls seconds after its list; organic views of served products add to them
            assertTrue(v.get("lists_clicked").asLong() >= arm.listsClicked(), name + ": clicked " + v);
            assertTrue(v.get("lists_converted").asLong() >= arm.listsBought(), name + ": converted " + v);
            assertTrue(v.get("lists_clicked").asLong() <= v.get("lists_served").asLong());
            final JsonNode ctr = v.get("click_through");
            assertEquals((double) v.get("lists_clicked").asLong() / v.get("lists_served").asLong(),
                    ctr.get("rate").asDouble(), 1e-12);
            assertTrue(ctr.get("low").asDouble() <= ctr.get("rate").asDouble()
                    && ctr.get("rate").asDouble() <= ctr.get("high").asDouble(), "Wilson interval " + ctr);
        });
        assertTrue(simulated.arms().values().stream().mapToLong(SimulationSummary.Arm::listsClicked).sum() > 0);
        assertEquals(1, readout.get("comparisons").size());
        assertTrue(readout.get("comparisons").get(0).get("click_through").has("p_value"));
    }

    @Test
    void shouldCheckTheSplitOfUsersAgainstTheConfiguredWeights() {
        final JsonNode srm = readout.get("sample_ratio");
        assertEquals(1, srm.get("degrees_of_freedom").asInt());
        assertEquals(Map.of("POPULARITY", 1.0, "RANDOM", 1.0), Map.of(
                "POPULARITY", readout.get("weights").get("POPULARITY").asDouble(),
                "RANDOM", readout.get("weights").get("RANDOM").asDouble()));
        assertFalse(srm.get("mismatch").asBoolean(), "a hash split of 30 users is no mismatch: " + srm);
    }

    @Test
    void shouldAnswerTheSameCompleteReadOutThroughEitherInstance() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
            final Http.Response viaFirst = first.http().get("/experiments/" + EXPERIMENT);
            final Http.Response viaSecond = second.http().get("/experiments/" + EXPERIMENT);
            return viaFirst.status() == 200 && viaSecond.status() == 200
                    && viaFirst.json().equals(readout) && viaSecond.json().equals(readout)
                    && viaFirst.header("X-Shopreco-Served-By").equals(viaSecond.header("X-Shopreco-Served-By"));
        });
    }

    @Test
    void shouldAnswer404ForAnUnknownExperiment() {
        // while Kafka Streams is not RUNNING (the two instances rebalance, a store restores) any read-out
        // is a 503 with Retry-After, which a client retries; once it runs, an unknown experiment is a 404
        final Http.Response response = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> first.http().get("/experiments/no-such-experiment"), r -> r.status() != 503);
        assertEquals(404, response.status());
        assertTrue(response.json().get("detail").asText().contains("no-such-experiment"));
        assertEquals(400, first.http().get("/models/user/5", "X-Shopreco-Event-Time", "yesterday").status());
    }

    private static Map<String, JsonNode> variants(final JsonNode readout) {
        final Map<String, JsonNode> byName = new HashMap<>();
        readout.get("variants").forEach(v -> byName.put(v.get("variant").asText(), v));
        return byName;
    }
}
