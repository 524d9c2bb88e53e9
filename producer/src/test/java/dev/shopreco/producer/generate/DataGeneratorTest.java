package dev.shopreco.producer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator makes data of the shop's shape (data/README.md), checked through the same
 * {@link DataSetStats} that documents the committed set, and its knobs move that shape the way
 * their names promise. A few hundred users keep it fast; the statistics are per user or shares,
 * so they do not depend on the size.
 */
class DataGeneratorTest {

    private static final int USERS = 200;

    @TempDir
    static Path tmp;
    private static Path defaults;
    private static DataSetStats stats;

    @BeforeAll
    static void generateDefaultShape() throws IOException {
        defaults = tmp.resolve("defaults");
        DataGenerator.generate(GeneratorConfig.defaults(USERS, 42), defaults, false, null);
        stats = DataSetStats.compute(defaults);
    }

    private static DataSetStats generate(final String name, final GeneratorConfig config) throws IOException {
        final Path dir = tmp.resolve(name);
        DataGenerator.generate(config, dir, false, null);
        return DataSetStats.compute(dir);
    }

    private static void assertNear(final double expected, final double tolerance, final double actual, final String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance,
                () -> what + ": expected " + expected + " +- " + tolerance + ", got " + actual);
    }

    @Test
    void shouldHaveTheShopsVolumes() {
        assertEquals(USERS, stats.users());
        assertNear(52, 5.2, stats.sessionsPerUser(), "sessions per user");
        assertNear(450, 45, stats.eventsPerUser(), "events per user");
        assertNear(8.7, 0.87, stats.eventsPerSession(), "events per session");
        assertNear(0.09, 0.015, stats.purchaseShare(), "purchase share");
        assertEquals(LocalDateTime.parse("2020-03-01T00:00"), stats.first().toLocalDate().atStartOfDay());
        assertEquals(12, stats.last().getMonthValue());
        assertEquals(0, stats.invalidLines());
    }

    @Test
    void shouldLoseIdsLikeTheShop() {
        assertNear(0.05, 0.015, stats.userNullShare(), "user_id null");
        assertNear(0.05, 0.015, stats.productNullShare(), "product_id null");
        assertNear(0.002, 0.0015, stats.bothNullShare(), "both null");
        assertTrue(stats.recoverableShare() > 0.75 && stats.recoverableShare() < 0.97,
                "most lost user ids are recoverable from the session, a few are not: " + stats.recoverableShare());
    }

    @Test
    void shouldWriteTheCatalogWithItsNoise() throws IOException {
        assertEquals(319, stats.products());
        assertEquals(23, stats.pricesNonPositive());
        assertEquals(14, stats.pricesAbove100k());
        assertNear(2.0 / 3, 0.05, stats.touchedShare(), "share of products ever touched");
        final Set<String> paths = new TreeSet<>();
        final List<Long> ids = new ArrayList<>();
        for (final String line : Files.readAllLines(defaults.resolve("products.jsonl"))) {
            final Product p = ((Parsed.Valid<Product>) CatalogParser.product(line)).value();
            paths.add(p.categoryPath());
            ids.add(p.productId());
        }
        final Set<String> expected = new TreeSet<>();
        Categories.ALL.forEach(c -> expected.add(c.path()));
        assertEquals(expected, paths);
        assertEquals(1001L, ids.get(0));
        assertEquals(1319L, ids.get(ids.size() - 1));
    }

    @Test
    void shouldBeDenseFlatAndRepetitiveAsCalibrated() {
        assertNear(150, 15, stats.distinctProductsPerUser(), "distinct products per user");
        assertTrue(stats.touchedByMostShare() > 0.9, "most touched products are touched by most users");
        assertNear(0.08, 0.015, stats.top10Share(), "top-10 share of popularity");
        // 150 distinct products leave room for about 67 % monthly repeats, not the shop's 80 % (data/README.md)
        assertNear(0.67, 0.04, stats.monthlyRepeatShare(), "monthly repeat share");
        assertTrue(stats.popularityCorrelation() > 0.6 && stats.popularityCorrelation() < 0.95,
                "popularity drifts between months but keeps its shape: " + stats.popularityCorrelation());
    }

    @Test
    void shouldOrderEventsByTimeAndPrecedePurchasesByAView() throws IOException {
        assertEquals(0, stats.outOfOrderEvents());
        assertEquals(0, stats.purchasesWithoutView());
        final Set<Long> sessions = new HashSet<>();
        final Set<Long> purchaseIds = new HashSet<>();
        long lastNewSession = 0;
        try (BufferedReader reader = DataFolder.open(defaults.resolve("sessions.jsonl"))) {
            String line;
            while ((line = reader.readLine()) != null) {
                final SessionEvent e = ((Parsed.Valid<SessionEvent>) SessionEventParser.DEFAULT.parse(line)).value();
                if (sessions.add(e.sessionId())) {
                    assertTrue(e.sessionId() > lastNewSession, "session ids follow session start: " + line);
                    lastNewSession = e.sessionId();
                }
                if (e.eventType() == EventType.BUY_PRODUCT) {
                    assertTrue(purchaseIds.add(e.purchaseId()), "purchase ids are unique: " + line);
                } else {
                    assertNull(e.purchaseId(), "views carry no purchase id: " + line);
                }
                assertTrue(e.userId() == null || e.userId() >= 101 && e.userId() < 101 + USERS, line);
                assertTrue(line.contains("\"user_id\":") && line.contains("\"purchase_id\":"), "nulls are written: " + line);
            }
        }
        assertEquals(100_000L, sessions.stream().mapToLong(Long::longValue).min().orElseThrow());
    }

    @Test
    void shouldBeByteIdenticalForTheSameSeedAndDifferForAnother() throws IOException {
        final Path again = tmp.resolve("again");
        DataGenerator.generate(GeneratorConfig.defaults(USERS, 42), again, false, null);
        for (final String file : List.of("products.jsonl", "users.jsonl", "sessions.jsonl")) {
            assertEquals(-1L, Files.mismatch(defaults.resolve(file), again.resolve(file)), file);
        }
        // compressed too: the committed data set is gzip and must regenerate to the same bytes
        final Path gz1 = tmp.resolve("gz1");
        final Path gz2 = tmp.resolve("gz2");
        final GeneratorConfig small = new GeneratorConfig(20, 319, 2, GeneratorConfig.defaults(20, 42).start(), 42,
                10, 8.7, 0.09, 0.4, 0.35, 0.66, 0.3, 2.0 / 3, 0.05, 0.05, 0.002, 0.006, 0, 0);
        DataGenerator.generate(small, gz1, true, null);
        DataGenerator.generate(small, gz2, true, null);
        assertEquals(-1L, Files.mismatch(gz1.resolve("sessions.jsonl.gz"), gz2.resolve("sessions.jsonl.gz")));
        final Path other = tmp.resolve("other-seed");
        DataGenerator.generate(GeneratorConfig.defaults(USERS, 43), other, false, null);
        assertNotEquals(-1L, Files.mismatch(defaults.resolve("sessions.jsonl"), other.resolve("sessions.jsonl")));
    }

    @Test
    void shouldConcentratePopularityWhenSkewIsHigher() throws IOException {
        final GeneratorConfig base = GeneratorConfig.defaults(USERS, 42);
        final DataSetStats skewed = generate("skewed", base.withKnobs(base.personalStrength(), 1.2,
                base.repeatRate(), base.drift()));
        final DataSetStats flat = generate("flat", base.withKnobs(base.personalStrength(), 0, base.repeatRate(), base.drift()));
        assertTrue(skewed.top10Share() > stats.top10Share() + 0.03, "skewed " + skewed.top10Share());
        assertTrue(flat.top10Share() < stats.top10Share() - 0.005, "flat " + flat.top10Share());
    }

    @Test
    void shouldFollowTheCrowdWithoutPersonalStrength() throws IOException {
        final GeneratorConfig base = GeneratorConfig.defaults(USERS, 42);
        final DataSetStats crowd = generate("crowd", base.withKnobs(0, base.popularitySkew(), base.repeatRate(), base.drift()));
        // what remains is the sampling noise of a few hundred events per user
        assertTrue(crowd.categoryDivergence() < 0.15, "no personal taste: " + crowd.categoryDivergence());
        assertTrue(stats.categoryDivergence() > crowd.categoryDivergence() + 0.15,
                "default taste is personal: " + stats.categoryDivergence());
    }

    @Test
    void shouldRepeatMoreAndExploreLessWithAHigherRepeatRate() throws IOException {
        final GeneratorConfig base = GeneratorConfig.defaults(USERS, 42);
        final DataSetStats loyal = generate("loyal", base.withKnobs(base.personalStrength(), base.popularitySkew(), 0.8, 0));
        assertTrue(loyal.monthlyRepeatShare() > 0.76, "repeat share " + loyal.monthlyRepeatShare());
        assertTrue(loyal.distinctProductsPerUser() < stats.distinctProductsPerUser() - 20,
                "distinct products " + loyal.distinctProductsPerUser());
        // drift 0: the months look alike
        assertTrue(loyal.popularityCorrelation() > stats.popularityCorrelation(), "correlation " + loyal.popularityCorrelation());
    }

    @Test
    void shouldShareTasteWithinNeighbourhoodsAcrossCategories() throws IOException {
        // flat popularity, heavy repeats, no personal categories: only the neighbourhoods carry taste
        final GeneratorConfig flat = GeneratorConfig.defaults(USERS, 42).withKnobs(0, 0, 0.9, 0);
        final Path without = tmp.resolve("flat-crowd");
        DataGenerator.generate(flat, without, false, null);
        final Path with = tmp.resolve("neighbourhoods");
        DataGenerator.generate(flat.withNeighbourhoods(10, 0.8), with, false, null);

        final double alone = lookAlikeLift(without);
        final double grouped = lookAlikeLift(with);
        assertTrue(grouped > 1.5 * alone, "users have look-alikes: lift " + alone + " without, " + grouped + " with");
        // the shared taste is over products of every category: users' category mix stays near the crowd's
        final double crowd = DataSetStats.compute(without).categoryDivergence();
        final double divergence = DataSetStats.compute(with).categoryDivergence();
        assertTrue(divergence - crowd < (stats.categoryDivergence() - crowd) / 3,
                "category divergence " + divergence + ", crowd " + crowd + ", personal " + stats.categoryDivergence());

        final Path again = tmp.resolve("neighbourhoods-again");
        DataGenerator.generate(flat.withNeighbourhoods(10, 0.8), again, false, null);
        assertEquals(-1L, Files.mismatch(with.resolve("sessions.jsonl"), again.resolve("sessions.jsonl")));
    }

    /**
     * How much more alike a user is to their ten most similar users than to everyone: the mean over
     * users of (mean cosine of their product counts with their 10 nearest users) / (mean cosine with
     * all others).
     */
    private static double lookAlikeLift(final Path dir) throws IOException {
        final Map<Long, Map<Long, Integer>> counts = new TreeMap<>();
        try (BufferedReader reader = DataFolder.open(dir.resolve("sessions.jsonl"))) {
            String line;
            while ((line = reader.readLine()) != null) {
                final SessionEvent e = ((Parsed.Valid<SessionEvent>) SessionEventParser.DEFAULT.parse(line)).value();
                if (e.userId() != null && e.productId() != null) {
                    counts.computeIfAbsent(e.userId(), u -> new HashMap<>()).merge(e.productId(), 1, Integer::sum);
                }
            }
        }
        final List<Map<Long, Integer>> users = new ArrayList<>(counts.values());
        final double[] norms = users.stream().mapToDouble(m -> Math.sqrt(m.values().stream()
                .mapToDouble(c -> (double) c * c).sum())).toArray();
        double lift = 0;
        for (int u = 0; u < users.size(); u++) {
            final double[] sims = new double[users.size() - 1];
            int i = 0;
            for (int v = 0; v < users.size(); v++) {
                if (v != u) {
                    double dot = 0;
                    for (final Map.Entry<Long, Integer> entry : users.get(u).entrySet()) {
                        dot += entry.getValue() * users.get(v).getOrDefault(entry.getKey(), 0);
                    }
                    sims[i++] = dot / (norms[u] * norms[v]);
                }
            }
            Arrays.sort(sims);
            final double nearest = Arrays.stream(sims, sims.length - 10, sims.length).average().orElseThrow();
            lift += nearest / Arrays.stream(sims).average().orElseThrow();
        }
        return lift / users.size();
    }
}
