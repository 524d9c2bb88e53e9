package dev.shopreco.reliability.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.Names;
import dev.shopreco.streams.content.SparseVector;
import dev.shopreco.streams.content.UserProfile;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InMemoryState;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.UserInteraction;
import dev.shopreco.streams.support.Invariant;
import dev.shopreco.streams.support.KafkaTopics;
import dev.shopreco.streams.support.StateAssertions;
import dev.shopreco.streams.support.TestSettings;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/** The end-of-run checks every fault scenario shares: the topology invariant, over HTTP and in the stores. */
public final class StateCheck {

    private StateCheck() {
    }

    /**
     * Waits until application {@code appId} has committed every input and internal topic to its end,
     * twice in a row; {@code alive} must hold throughout (an API process that died fails the wait).
     */
    public static void awaitProcessed(final Admin admin, final KafkaTopics topics, final String appId,
            final BooleanSupplier alive) {
        final List<String> consumed = List.of(Names.TOPIC_SESSIONS, Names.TOPIC_INTERACTIONS,
                appId + "-popularity-by-product-repartition", appId + "-popularity-top-repartition",
                appId + "-" + Names.REPARTITION_ITEM_GRAM + "-repartition",
                appId + "-" + Names.REPARTITION_USER_KNN_POSTINGS + "-repartition");
        final AtomicReference<Map<TopicPartition, Long>> previous = new AtomicReference<>(Map.of());
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertTrue(alive.getAsBoolean(), "the API process died");
            final Map<TopicPartition, Long> end = topics.endOffsets(admin, consumed);
            final boolean stable = end.equals(previous.getAndSet(end));
            return stable && topics.caughtUp(admin, appId, end);
        });
    }

    /**
     * The group's committed offset against the end of each partition of its input and repartition
     * topics, one line each: for the message of a wait that gave up.
     */
    public static String progress(final Admin admin, final String appId) {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            final StringBuilder out = new StringBuilder("committed / end offset of group " + appId + ":");
            admin.listOffsets(latest).all().get().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::toString)))
                    .forEach(e -> out.append("\n  ").append(e.getKey()).append(' ')
                            .append(committed.get(e.getKey()) == null ? "-" : committed.get(e.getKey()).offset())
                            .append(" / ").append(e.getValue().offset()));
            return out.toString();
        } catch (final Exception e) {
            return "progress of group " + appId + " unknown: " + e;
        }
    }

    /** Offsets of {@code shop.sessions} that {@code appId} has committed, summed over partitions. */
    public static long committedSessions(final Admin admin, final String appId) throws Exception {
        long sum = 0;
        for (final var e : admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get().entrySet()) {
            if (e.getKey().topic().equals(Names.TOPIC_SESSIONS) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }

    /**
     * What a client sees equals the reference: every user's products, s(u,p), raw sums, purchased
     * flags and profile through {@code GET /users/{id}/profile}, and the popularity list through
     * {@code GET /products/popular?n=100}. Retries while the instance answers 503 (a rebalance).
     *
     * @return the number of users compared
     */
    public static int assertServedStateEqualsReference(final Http http, final ReferenceResult reference) {
        final InMemoryState expected = reference.state();
        for (final Long user : expected.users()) {
            final JsonNode profile = await200(http, "/users/" + user + "/profile");
            final List<UserInteraction> want = expected.interactions(user);
            final JsonNode got = profile.get("interactions");
            final List<Long> gotProducts = new ArrayList<>();
            got.forEach(i -> gotProducts.add(i.get("product_id").asLong()));
            assertEquals(want.stream().map(UserInteraction::productId).toList(), gotProducts, "products of user " + user);
            for (int i = 0; i < want.size(); i++) {
                final String pair = "(" + user + ", " + want.get(i).productId() + ")";
                StateAssertions.assertClose(want.get(i).strength(), got.get(i).get("strength").asDouble(), "s" + pair);
                StateAssertions.assertClose(want.get(i).strengthSum(), got.get(i).get("strength_sum").asDouble(),
                        "sum" + pair);
                assertEquals(want.get(i).purchased(), got.get(i).get("purchased").asBoolean(), "purchased" + pair);
            }
            final SparseVector wantProfile = UserProfile.of(want, expected.content());
            final JsonNode categories = profile.get("categories");
            assertEquals(wantProfile.size(), categories.size(), "profile size of user " + user);
            for (final JsonNode category : categories) {
                final int term = termIndex(expected, wantProfile, category.get("category").asText());
                assertTrue(term >= 0, "profile term " + category + " of user " + user);
                StateAssertions.assertClose(wantProfile.value(term), category.get("relevance").asDouble(),
                        "profile of user " + user + " at " + category.get("category").asText());
            }
        }
        final List<ScoredProduct> top = expected.topPopular();
        final JsonNode popular = await200(http, "/products/popular?n=" + Math.min(100, top.size()));
        final JsonNode list = popular.isArray() ? popular : popular.get("products");
        assertEquals(Math.min(100, top.size()), list.size(), "length of the popularity list: " + popular);
        for (int i = 0; i < list.size(); i++) {
            final JsonNode entry = list.get(i);
            StateAssertions.assertClose(top.get(i).score(), entry.get("popularity").asDouble(), "popularity at " + i);
            StateAssertions.assertClose(expected.popularity(entry.get("product_id").asLong()),
                    entry.get("popularity").asDouble(), "popularity of " + entry);
        }
        return expected.users().size();
    }

    private static int termIndex(final InMemoryState state, final SparseVector vector, final String term) {
        for (int i = 0; i < vector.size(); i++) {
            if (state.content().term(vector.index(i)).equals(term)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode await200(final Http http, final String path) {
        final AtomicReference<Http.Response> last = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
            final Http.Response response = http.get(path);
            last.set(response);
            assertTrue(response.status() == 200 || response.status() == 503, path + " answered " + response);
            return response.status() == 200;
        });
        return last.get().json();
    }

    /**
     * The stores and topics equal the reference, read the way the topology test does: once every API
     * process has stopped, a fresh instance of the same application (empty state folder) restores every
     * store from its changelog; then every s(u,p), popularity, profile, top-K entry, cleaned interaction
     * and dead letter is compared ({@link Invariant#assertHolds}).
     *
     * @return interactions and topology dead letters compared
     */
    public static int[] assertStoresEqualReference(final Admin admin, final String bootstrapServers, final String appId,
            final Path stateDir, final ReferenceResult reference, final List<String> markers) {
        // an instance that only restores and checks: the Gram and kept-set timers every second (TestSettings),
        // so what the stopped API left pending is published without waiting out the 30 s and 1 min defaults
        final StreamsSettings settings = TestSettings.of(Map.of()).on(bootstrapServers, appId, stateDir);
        final KafkaTopics topics = new KafkaTopics(bootstrapServers);
        try (KafkaStreams streams = new KafkaStreams(RecoTopology.build(settings, new StateVersions()), RecoTopology.config(settings))) {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            Invariant.awaitCaughtUp(admin, topics, streams, appId, failure);
            return Invariant.assertHolds(reference, streams, topics, markers);
        }
    }

    /**
     * Every answer on {@code reco.served} has a distinct id.
     *
     * @return the number of answers on the topic
     */
    public static int assertServedOnce(final KafkaTopics topics) {
        final List<String> values = topics.readAll(Names.TOPIC_SERVED, new StringDeserializer());
        final Set<String> ids = new HashSet<>();
        final List<String> twice = new ArrayList<>();
        for (final String value : values) {
            final String id = Jsons.read(value).get("id").asText();
            if (!ids.add(id)) {
                twice.add(id);
            }
        }
        assertEquals(List.of(), twice, "answers on reco.served more than once");
        return values.size();
    }

    /**
     * Every answer a client got (its id) is on {@code reco.served} exactly once, and no answer is
     * there twice. Waits up to a minute for the served log to deliver the last answers.
     *
     * @return the number of answers on the topic
     */
    public static int assertServedExactlyOnce(final KafkaTopics topics, final List<String> answered) {
        final AtomicReference<Map<String, Integer>> copies = new AtomicReference<>(Map.of());
        try {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                final Map<String, Integer> byId = new HashMap<>();
                for (final String value : topics.readAll(Names.TOPIC_SERVED, new StringDeserializer())) {
                    byId.merge(Jsons.read(value).get("id").asText(), 1, Integer::sum);
                }
                copies.set(byId);
                return byId.keySet().containsAll(answered);
            });
        } catch (final org.awaitility.core.ConditionTimeoutException e) {
            final List<String> missing = answered.stream().filter(id -> !copies.get().containsKey(id)).toList();
            throw new AssertionError(missing.size() + " of " + answered.size() + " answers clients got are not on "
                    + Names.TOPIC_SERVED + ", e.g. " + missing.subList(0, Math.min(5, missing.size())), e);
        }
        final List<String> twice = copies.get().entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), twice, "answers on reco.served more than once");
        assertEquals(answered.size(), new HashSet<>(answered).size(), "answer ids clients got are distinct");
        return copies.get().values().stream().mapToInt(Integer::intValue).sum();
    }
}
