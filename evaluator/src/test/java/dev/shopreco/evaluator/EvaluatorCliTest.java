package dev.shopreco.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The stable entry point, end to end on the small generated data set. */
class EvaluatorCliTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static final List<String> MODELS = List.of("RANDOM", "POPULARITY", "CONTENT_BASE", "ITEM_EASE", "USER_KNN",
            "HYBRID");
    /** The offline baselines as results.json keys them; the tables write USER_KNN_OFFLINE "USER_KNN (offline)". */
    private static final List<String> BASELINES = List.of("EASE", "USER_KNN_OFFLINE");

    private static String run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<String> all = new ArrayList<>(List.of(args));
        all.add("--no-progress");
        final int code = new CommandLine(new EvaluatorCli(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute(all.toArray(String[]::new));
        assertEquals(0, code, "exit code of " + all);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode results(final Path dir) throws IOException {
        return Json.mapper().readTree(dir.resolve("results.json").toFile());
    }

    @Test
    void shouldReproduceTheOriginalTableShapeWithTheSeedProtocol(@TempDir final Path dir) throws IOException {
        final String table = run("--data", Fixtures.smallData().toString(), "--protocol", "seed", "--out",
                dir.toString());

        assertTrue(table.contains("| model | recall@5 | recall@10 |"), table);
        assertTrue(table.contains("Leaks the test set"), table);
        final JsonNode results = results(dir);
        assertEquals("seed", results.get("protocol").asText());
        assertTrue(results.get("users").asLong() > 0 && results.get("test_pairs").asLong() > results.get("users").asLong());
        for (final String model : MODELS) {
            assertTrue(results.get("models").get(model).get("recall@5").isDouble(), model);
            assertTrue(results.get("models").get(model).get("recall@10").isDouble(), model);
            assertEquals(20, results.get("curves").get(model).get("recall@k").size());
        }
        assertEquals(1, results.get("parameters").get("seed").asLong());
        assertEquals(MODELS, iterator(results.get("models").fieldNames()), "no offline baseline: the seed protocol leaks");
        assertEquals("data", results.get("snapshot").get("source").asText());
        for (final String plot : List.of("recall_at_k.png", "ndcg_at_k.png", "ndcg_differences.png")) {
            assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(dir.resolve(plot)), 4), plot);
        }
        // a user is resampled with all their test pairs: the figure stays inside its interval
        final JsonNode bootstrap = results.get("bootstrap");
        for (final String model : MODELS) {
            final JsonNode interval = bootstrap.get("intervals").get(model).get("recall@10");
            final double figure = results.get("models").get(model).get("recall@10").asDouble();
            assertTrue(interval.get(0).asDouble() <= figure && figure <= interval.get(1).asDouble(), model + interval);
        }
        assertTrue(table.contains("| recall@10 − POPULARITY |"), table);
    }

    @Test
    void shouldGiveTheSameFiguresFromASavedSnapshotOnAnyNumberOfThreads(@TempDir final Path dir) throws IOException {
        final Path snapshot = dir.resolve("snapshot.jsonl.gz");
        final String fromData = run("--data", Fixtures.smallData().toString(), "--protocol", "temporal",
                "--out", dir.resolve("a").toString(), "--save-snapshot", snapshot.toString(), "--threads", "2");
        final String fromFile = run("--snapshot", snapshot.toString(), "--protocol", "temporal",
                "--out", dir.resolve("b").toString(), "--threads", "1");

        final ObjectNode a = (ObjectNode) results(dir.resolve("a"));
        final ObjectNode b = (ObjectNode) results(dir.resolve("b"));
        assertEquals("file", b.get("snapshot").get("source").asText());
        assertEquals(64, b.get("snapshot").get("sha256").asText().length());
        a.remove("snapshot");
        b.remove("snapshot");
        assertEquals(a, b, "every figure, count and parameter");
        assertEquals(fromData.substring(fromData.indexOf("**all**")), fromFile.substring(fromFile.indexOf("**all**")));
        for (final String model : MODELS) {
            for (final String key : List.of("recall@10", "ndcg@10", "map@10", "coverage@10", "fallback_share")) {
                assertTrue(a.get("models").get(model).get(key).isDouble(), model + " " + key);
                assertTrue(a.get("models").get(model).get(key + ":new").isDouble(), model + " " + key + ":new");
            }
        }
        assertTrue(a.get("parameters").get("cut").asText().startsWith("2020-"));
        for (final String baseline : BASELINES) {
            assertTrue(a.get("models").get(baseline).get("ndcg@10:new").isDouble(), baseline);
            assertTrue(fromData.contains("| " + label(baseline) + " (offline) |"), fromData);
            final JsonNode tuning = a.get("parameters").get("tuning").get(baseline);
            assertTrue(tuning.get("validation_cut").asText().compareTo(a.get("parameters").get("cut").asText()) < 0,
                    "the validation cut lies inside the training part");
            assertTrue(tuning.get("new").has("weighting") && tuning.get("all").has("weighting"), baseline);
        }
        assertTrue(a.get("parameters").get("tuning").get("EASE").get("new").get("lambda").isDouble());
        assertTrue(a.get("parameters").get("tuning").get("USER_KNN_OFFLINE").get("new").get("k").isInt());
        // the served ITEM_EASE, USER_KNN and HYBRID choose their settings on the same validation cut
        assertTrue(a.get("parameters").get("tuning").get("ITEM_EASE").get("new").get("lambda").isDouble());
        assertTrue(a.get("parameters").get("tuning").get("USER_KNN").get("new").get("k").isInt());
        assertTrue(a.get("parameters").get("tuning").get("HYBRID").get("all").has("user_knn"));
        assertTrue(fromData.contains("| USER_KNN | "), "the served USER_KNN has its own row: " + fromData);
        assertEquals(MODELS, texts(a.get("served").elements()), "baselines are not served");
        assertTrue(fromData.contains("Hyper-parameters of the tuned models"), fromData);
        assertTrue(Files.exists(dir.resolve("a").resolve("ndcg_at_k_new.png")));
        assertBootstrap(a.get("bootstrap"), fromData, dir.resolve("a"));
    }

    @Test
    void shouldTakeTheResamplesAndConfidenceAskedFor(@TempDir final Path dir) throws IOException {
        final String table = run("--data", Fixtures.smallData().toString(), "--out", dir.resolve("ci").toString(),
                "--models", "popularity,content_base", "--resamples", "200", "--confidence", "0.9");
        run("--data", Fixtures.smallData().toString(), "--out", dir.resolve("points").toString(),
                "--models", "popularity", "--resamples", "0");

        final JsonNode bootstrap = results(dir.resolve("ci")).get("bootstrap");
        assertEquals(200, bootstrap.get("resamples").asInt());
        assertEquals(0.9, bootstrap.get("confidence").asDouble());
        assertTrue(table.contains("In brackets: 90 % intervals"), table);
        assertTrue(table.contains("| CONTENT_BASE | "), table);
        assertTrue(results(dir.resolve("points")).get("bootstrap") == null, "--resamples 0: point figures only");
        assertTrue(Files.notExists(dir.resolve("points").resolve("ndcg_differences.png")));
    }

    @Test
    void shouldMoveTheCutWhenAskedTo(@TempDir final Path dir) throws IOException {
        run("--data", Fixtures.smallData().toString(), "--out", dir.toString(), "--cut", "2020-04-15T00:00:00",
                "--models", "popularity");

        final JsonNode results = results(dir);
        assertEquals("temporal", results.get("protocol").asText(), "the default protocol");
        assertEquals("2020-04-15T00:00", results.get("parameters").get("cut").asText());
        assertEquals(List.of("POPULARITY"), iterator(results.get("models").fieldNames()));
    }

    @Test
    void shouldExplainEveryOptionAndRefuseAnUnknownProtocol() {
        final ByteArrayOutputStream help = new ByteArrayOutputStream();
        final CommandLine cli = new CommandLine(new EvaluatorCli());
        cli.setOut(new PrintWriter(help, true, StandardCharsets.UTF_8));
        assertEquals(0, cli.execute("--help"));
        for (final String option : List.of("--data", "--snapshot", "--bootstrap-servers", "--save-snapshot",
                "--protocol", "--out", "--seed", "--cut", "--threads", "--resamples", "--confidence")) {
            assertTrue(help.toString(StandardCharsets.UTF_8).contains(option), option);
        }
        final CommandLine bad = new CommandLine(new EvaluatorCli());
        bad.setErr(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(2, bad.execute("--data", "x", "--protocol", "nonsense"));
        assertEquals(2, bad.execute("--data", "x", "--snapshot", "y"), "one source only");
        assertEquals(2, bad.execute("--data", "x", "--confidence", "95"), "a level in (0, 1), not per cent");
    }

    /** 1,000 resamples at 95 % by default; every served model against POPULARITY and the best baseline. */
    private static void assertBootstrap(final JsonNode bootstrap, final String table, final Path dir) throws IOException {
        assertEquals(1000, bootstrap.get("resamples").asInt());
        assertEquals(0.95, bootstrap.get("confidence").asDouble());
        final String best = bootstrap.get("best_baseline").get("new").asText();
        assertTrue(BASELINES.contains(best), best);
        int againstPopularity = 0;
        for (final JsonNode d : bootstrap.get("differences")) {
            final double low = d.get("interval").get(0).asDouble();
            final double high = d.get("interval").get(1).asDouble();
            final String sign = low > 0 ? "above 0" : high < 0 ? "below 0" : "contains 0";
            assertEquals(sign, d.get("sign").asText(), d.toString());
            final boolean baselines = List.of("USER_KNN_OFFLINE", "EASE").equals(List.of(d.get("model").asText(),
                    d.get("reference").asText()));
            assertTrue(MODELS.contains(d.get("model").asText()) || baselines, "served models, and USER_KNN - EASE: " + d);
            againstPopularity += "POPULARITY".equals(d.get("reference").asText()) ? 1 : 0;
        }
        // RANDOM, CONTENT_BASE, ITEM_EASE, USER_KNN, HYBRID x recall, ndcg x all, new
        assertEquals(20, againstPopularity);
        assertEquals(20, bootstrap.get("curves").get("HYBRID").get("ndcg@k:new").get("low").size());
        assertTrue(table.contains("In brackets: 95 % intervals"), table);
        assertTrue(table.contains("| ndcg@10 − " + label(best) + " (best offline) |"), table);
        assertTrue(table.contains("Offline baselines: USER_KNN − EASE: ndcg@10 "), table);
        for (final String plot : List.of("ndcg_differences.png", "recall_differences.png")) {
            assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(dir.resolve(plot)), 4), plot);
        }
    }

    /** A baseline's name as the tables write it. */
    private static String label(final String baseline) {
        return baseline.replace("_OFFLINE", "");
    }

    private static List<String> iterator(final Iterator<String> names) {
        final List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static List<String> texts(final Iterator<JsonNode> nodes) {
        final List<String> list = new ArrayList<>();
        nodes.forEachRemaining(node -> list.add(node.asText()));
        return list;
    }
}
