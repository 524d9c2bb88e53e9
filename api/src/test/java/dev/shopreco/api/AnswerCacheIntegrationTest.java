package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.topology.StreamsSettings;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answer cache over a real broker, through real HTTP: a repeated question is answered from the
 * cache, and a kept answer changes as soon as the state it was computed from changes (the user's own
 * event; a popularity change for a user served the popularity fallback, and for the similar products of
 * a product without signal).
 */
class AnswerCacheIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final Pattern HITS = Pattern.compile("reco_answer_cache_total\\{result=\"hit\"[^}]*} ([0-9.E]+)");
    private static final Pattern SIMILAR_HITS =
            Pattern.compile("reco_similar_cache_total\\{result=\"hit\"[^}]*} ([0-9.E]+)");
    private static final long UNKNOWN_USER = 987_654;

    private static ApiInstance api;
    private static Http http;

    @BeforeAll
    static void start() {
        ShopData.replayFixture(KAFKA.bootstrapServers());
        api = ApiInstance.start(KAFKA.bootstrapServers()).awaitReady();
        http = api.http();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (final long user : ShopData.USERS) {
                final Http.Response r = http.get("/models/user/" + user);
                if (r.status() != 200 || r.json().get("fallback").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Waits until popularity stopped moving (the replay and any earlier test's events fully counted):
     * the popularity list the same over three reads half a second apart.
     */
    private static void awaitSettled() {
        final String[] last = {""};
        final int[] same = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            final String now = http.get("/products/popular?n=100").body();
            same[0] = now.equals(last[0]) ? same[0] + 1 : 0;
            last[0] = now;
            return same[0] >= 2;
        });
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void shouldAnswerARepeatedQuestionFromTheCacheUntilTheUsersNewEvent() {
        final long user = 105; // POPULARITY (at or below 550), purchases excluded
        awaitSettled();
        final List<Long> before = products("/models/user/" + user);
        final double hits = hits();
        for (int i = 0; i < 5; i++) {
            assertEquals(before, products("/models/user/" + user), "nothing changed, the same answer");
        }
        assertTrue(hits() >= hits + 5, "served from the cache");
        // the user buys the first product: it is excluded from the next answers
        final long bought = before.get(0);
        ShopData.send(KAFKA.bootstrapServers(), List.of(
                new ShopData.Event(950_001, LocalDateTime.of(2021, 3, 2, 12, 0), user, bought, "BUY_PRODUCT")));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> !products("/models/user/" + user).contains(bought));
        final List<Long> after = products("/models/user/" + user);
        assertFalse(after.contains(bought), after.toString());
        assertEquals(before.subList(1, before.size()), after.subList(0, after.size() - 1),
                "the rest moves up by one");
    }

    @Test
    void shouldChangeAFallbackAnswerKeptInTheCacheWhenPopularityChanges() {
        awaitSettled();
        final JsonNode first = http.get("/models/user/" + UNKNOWN_USER).json();
        assertTrue(first.get("fallback").asBoolean());
        final List<Long> before = ids(first);
        assertEquals(before, products("/models/user/" + UNKNOWN_USER), "kept while nothing changed");
        // the similar products of a product without signal: the popularity list too, kept the same way
        final long untouched = ShopData.untouchedProduct(BatchReference.fromFolder(ShopData.fixture(),
                ReferenceOptions.of(StreamsSettings.defaults(), false)));
        final String similar = "/products/" + untouched + "/similar?model=ITEM_EASE";
        final JsonNode similarFirst = http.get(similar).json();
        assertTrue(similarFirst.get("fallback").asBoolean(), similarFirst.toString());
        final List<Long> similarBefore = ids(similarFirst);
        final double similarHits = hits(SIMILAR_HITS);
        for (int i = 0; i < 3; i++) {
            assertEquals(similarBefore, products(similar), "nothing changed, the same similar products");
        }
        assertTrue(hits(SIMILAR_HITS) >= similarHits + 3, "similar products served from their cache");
        // a product outside the top 10 becomes the most popular: enough new users buy it
        final JsonNode popular = http.get("/products/popular?n=100").json().get("products");
        // (not the product the similar products are asked for: a list never holds the product itself)
        JsonNode outsider = popular.get(popular.size() - 1);
        if (outsider.get("product_id").asLong() == untouched) {
            outsider = popular.get(popular.size() - 2);
        }
        final long product = outsider.get("product_id").asLong();
        assertFalse(before.contains(product));
        final double gap = popular.get(0).get("popularity").asDouble() - outsider.get("popularity").asDouble();
        final int buyers = (int) Math.ceil(gap / (Math.log(3) / Math.log(2))) + 2; // s(u,p) of one purchase
        final List<ShopData.Event> events = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            events.add(new ShopData.Event(960_000 + i, LocalDateTime.of(2021, 3, 3, 12, 0), 800_000 + i, product,
                    "BUY_PRODUCT"));
        }
        ShopData.send(KAFKA.bootstrapServers(), events);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> products("/models/user/" + UNKNOWN_USER).get(0) == product);
        final JsonNode after = http.get("/models/user/" + UNKNOWN_USER).json();
        assertTrue(after.get("fallback").asBoolean());
        assertNotEquals(before, ids(after));
        assertEquals(before.subList(0, before.size() - 1), ids(after).subList(1, before.size()),
                "the others move down by one");
        final List<Long> similarAfter = products(similar);
        assertEquals(product, similarAfter.get(0), "the kept similar-products list follows popularity");
        assertEquals(similarBefore.subList(0, similarBefore.size() - 1), similarAfter.subList(1, similarBefore.size()));
    }

    private static List<Long> products(final String path) {
        final Http.Response response = http.get(path);
        assertEquals(200, response.status(), response.body());
        return ids(response.json());
    }

    private static List<Long> ids(final JsonNode body) {
        final List<Long> ids = new ArrayList<>();
        body.get("products").forEach(p -> ids.add(p.asLong()));
        return ids;
    }

    private static double hits() {
        return hits(HITS);
    }

    private static double hits(final Pattern counter) {
        final Matcher matcher = counter.matcher(http.get("/prometheus").body());
        assertTrue(matcher.find(), counter.pattern() + " is exported");
        return Double.parseDouble(matcher.group(1));
    }
}
