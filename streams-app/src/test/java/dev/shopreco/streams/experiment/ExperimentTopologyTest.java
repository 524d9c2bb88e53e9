package dev.shopreco.streams.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.support.Lines;
import dev.shopreco.streams.topology.DroppedRecords;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The A/B attribution inside the whole topology: session events go through the cleaning step to
 * {@code shop.interactions}, served records come in on {@code reco.served} with their {@code as_of}
 * time, and the counts are read from {@code ab-experiment-counts}.
 */
class ExperimentTopologyTest {

    private static final String EXPERIMENT = "exp";
    private static final String T0 = "2020-03-01T10:00:00";
    private static final ExperimentSettings SETTINGS = new ExperimentSettings(Duration.ofHours(24), Duration.ofHours(12));

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> sessions;
    private TestInputTopic<String, String> served;
    private TestOutputTopic<String, Rejected> rejected;
    private long sessionSeq = 1;

    @BeforeEach
    void start() throws IOException {
        final StreamsSettings settings = StreamsSettings.from(Map.of("AB_WINDOW", "PT24H", "AB_GRACE", "PT12H"))
                .on("ttd:9092", "ttd-" + UUID.randomUUID(), Files.createTempDirectory("ab-test"));
        driver = new TopologyTestDriver(RecoTopology.build(settings, new StateVersions()), RecoTopology.config(settings));
        final StringSerializer text = new StringSerializer();
        sessions = driver.createInputTopic(Names.TOPIC_SESSIONS, text, text);
        served = driver.createInputTopic(Names.TOPIC_SERVED, text, text);
        rejected = driver.createOutputTopic(Names.TOPIC_REJECTED, new StringDeserializer(),
                JsonSerde.of(Rejected.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldCountAViewOfAServedProductWithinTheWindowAsAClick() {
        serve("A", 101, T0, 1001, 1002, 1003);
        view(101, "2020-03-01T11:00:00", 1002);

        assertEquals(new VariantCounts(1, 1, 1, 0), counts().variants().get("A"));
    }

    @Test
    void shouldNotCountAViewAfterTheWindowOrOfAnotherProductOrAtTheServingInstant() {
        serve("A", 101, T0, 1001, 1002);
        view(101, T0, 1001);                     // the instant the list was served: not caused by it
        view(101, "2020-03-01T12:00:00", 1009);  // a product not served
        view(101, "2020-03-02T10:00:01", 1001);  // 24 h and 1 s later
        serve("A", 102, T0, 1001);
        view(102, "2020-03-02T10:00:00", 1001);  // exactly 24 h later: still inside

        assertEquals(new VariantCounts(2, 2, 1, 0), counts().variants().get("A"));
    }

    @Test
    void shouldCountAPurchaseOfAServedProductAsAConversionAndEachListOnce() {
        serve("A", 101, T0, 1001, 1002);
        view(101, "2020-03-01T10:05:00", 1001);
        view(101, "2020-03-01T10:06:00", 1002);
        buy(101, "2020-03-01T10:07:00", 1002);
        buy(101, "2020-03-01T10:08:00", 1001);

        assertEquals(new VariantCounts(1, 1, 1, 1), counts().variants().get("A"));
    }

    @Test
    void shouldAttributeEventsThatArriveBeforeTheirServedRecord() {
        // the API's producer can lag the shop's events: the list is served at 10:00, written after the view
        view(101, "2020-03-01T10:30:00", 1002);
        buy(101, "2020-03-01T10:40:00", 1002);
        serve("A", 101, T0, 1001, 1002);

        assertEquals(new VariantCounts(1, 1, 1, 1), counts().variants().get("A"));
    }

    @Test
    void shouldJoinAnEventThatArrivesLateWithinTheGrace() {
        serve("A", 101, T0, 1001);
        // another user's event moves the newest event time 30 h on; then 101's view of 10:30 arrives,
        // 29.5 h late: within window + grace (36 h), so it is still found and counted
        view(102, "2020-03-02T16:00:00", 1005);
        view(101, "2020-03-01T10:30:00", 1001);

        assertEquals(new VariantCounts(1, 1, 1, 0), counts().variants().get("A"));
    }

    @Test
    void shouldCountAnEventDroppedBeyondTheGraceSoThatTheLossIsReported() {
        view(102, "2020-03-03T10:00:00", 1005);   // the newest event time is now 48 h past T0
        view(101, "2020-03-01T10:30:00", 1001);   // 47.5 h behind it: beyond window + grace (36 h), dropped
        serve("A", 101, T0, 1001);                // so the list it would have clicked finds nothing

        assertEquals(new VariantCounts(1, 1, 0, 0), counts().variants().get("A"));
        assertEquals(1, DroppedRecords.total(driver.metrics()));
    }

    @Test
    void shouldKeepTwoVariantsApartAndCountDistinctUsers() {
        serve("A", 101, T0, 1001);
        serve("A", 101, "2020-03-01T15:00:00", 1002);
        serve("B", 102, T0, 1001);
        serve("B", 103, T0, 1003);
        view(101, "2020-03-01T15:30:00", 1002);   // clicks only the second list of 101
        view(103, "2020-03-01T11:00:00", 1003);
        buy(103, "2020-03-01T11:05:00", 1003);

        final ExperimentCounts counts = counts();
        assertEquals(new VariantCounts(1, 2, 1, 0), counts.variants().get("A"));
        assertEquals(new VariantCounts(2, 2, 1, 1), counts.variants().get("B"));
        assertEquals("hash", counts.rule());
        assertEquals(Map.of("A", 50.0, "B", 50.0), counts.weights());

        final ExperimentReadout readout = ExperimentReadout.of(EXPERIMENT, counts, List.of("A", "B"), SETTINGS);
        assertEquals(0.5, readout.variants().get(0).clickThrough().rate());
        assertEquals(0.5, readout.variants().get(1).conversion().rate());
        assertEquals(1, readout.comparisons().size());
        assertEquals(24.0, readout.windowHours());
    }

    @Test
    void shouldFlagASampleRatioMismatchAgainstTheConfiguredWeights() {
        for (int u = 0; u < 70; u++) {
            serve("A", 1000 + u, T0, 1001);
        }
        for (int u = 0; u < 30; u++) {
            serve("B", 2000 + u, T0, 1001);
        }
        // 70/30 of 100 against 50/50: chi² = 2 * 20²/50 = 16, p = 6.3e-5 < 0.001
        final ExperimentReadout skewed = ExperimentReadout.of(EXPERIMENT, counts(), List.of(), SETTINGS);
        assertEquals(16.0, skewed.sampleRatio().chiSquared(), 1e-9);
        assertTrue(skewed.sampleRatio().mismatch(), "p = " + skewed.sampleRatio().pValue());

        for (int u = 0; u < 40; u++) {
            serve("B", 3000 + u, T0, 1001);
        }
        // 70/70: no mismatch; more lists for the same users change nothing
        serve("A", 1000, "2020-03-01T11:00:00", 1001);
        final ExperimentReadout balanced = ExperimentReadout.of(EXPERIMENT, counts(), List.of(), SETTINGS);
        assertEquals(0.0, balanced.sampleRatio().chiSquared(), 1e-9);
        assertFalse(balanced.sampleRatio().mismatch());
        assertEquals(71, balanced.variants().get(0).listsServed());
    }

    @Test
    void shouldSendMalformedServedRecordsToTheDeadLetterTopicAndGoOn() {
        served.pipeInput("101", "{not json");
        served.pipeInput("101", "{\"id\":\"x\",\"user_id\":101,\"experiment\":\"exp\",\"variant\":\"A\","
                + "\"rule\":\"hash\",\"products\":[1001]}");
        served.pipeInput("101", "[1,2]");
        serve("A", 101, T0, 1001);

        final List<Rejected> dead = rejected.readValuesToList();
        assertEquals(List.of(RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD, RejectReason.NOT_AN_OBJECT),
                dead.stream().map(Rejected::reason).toList());
        assertTrue(dead.get(1).detail().contains("as_of"), dead.get(1).detail());
        assertEquals(List.of(0L, 1L, 2L), dead.stream().map(Rejected::line).toList());
        assertEquals(Names.TOPIC_SERVED, dead.get(0).source());
        assertEquals(new VariantCounts(1, 1, 0, 0), counts().variants().get("A"));
    }

    @Test
    void shouldIgnoreAnswersOutsideAnyExperiment() {
        final ObjectNode explicit = servedJson("A", 101, T0, 1001);
        explicit.putNull("experiment");
        explicit.put("rule", "explicit");
        served.pipeInput("101", explicit.toString());
        view(101, "2020-03-01T11:00:00", 1001);

        assertNull(driver.<String, ExperimentCounts>getKeyValueStore(Names.STORE_AB_EXPERIMENT_COUNTS)
                .get(EXPERIMENT));
        assertTrue(rejected.readValuesToList().isEmpty());
    }

    @Test
    void shouldForgetServedListsOnceTheirWindowHasPassed() {
        serve("A", 101, T0, 1001);
        final long t0 = millis(T0);
        assertEquals(1, listsOf(101, t0).size());

        // event time moves three days on (another user's list and events): past window + grace
        serve("A", 102, "2020-03-04T10:00:00", 1001);
        view(102, "2020-03-04T10:01:00", 1001);
        view(101, "2020-03-04T10:02:00", 1001);

        assertTrue(listsOf(101, t0).isEmpty(), "expired with its window");
        assertEquals(new VariantCounts(2, 2, 1, 0), counts().variants().get("A"));
    }

    @Test
    void shouldKeepEachListApartWhenAUserIsServedAgainAndAgainAtOneInstant() {
        // as_of is the shop's newest event time: while no event comes, every answer has the same one
        for (int i = 0; i < 3_000; i++) {
            serve("A", 101, T0, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010);
        }
        final List<ServedList> kept = listsOf(101, millis(T0));
        assertEquals(3_000, kept.size(), "one entry per list");
        // one entry held them all before: 3,000 lists in one changelog record, past the producer's 1 MiB
        final byte[] one = ServedList.serde().serializer().serialize("", kept.get(0));
        assertTrue(one.length < 1_000, one.length + " bytes");
        view(101, "2020-03-01T10:30:00", 1005);
        assertEquals(new VariantCounts(1, 3_000, 3_000, 0), counts().variants().get("A"));
        // the same served record twice counts once
        final String again = servedJson("A", 101, T0, 1001).toString();
        served.pipeInput("101", again, Instant.parse("2026-11-28T10:00:00Z"));
        served.pipeInput("101", again, Instant.parse("2026-11-28T10:00:00Z"));
        assertEquals(new VariantCounts(1, 3_001, 3_000, 0), counts().variants().get("A"));
    }

    /** The lists served to the user at {@code asOf}, as {@code ab-served-lists} holds them. */
    private List<ServedList> listsOf(final long user, final long asOf) {
        final WindowStore<String, ServedList> store = driver.getWindowStore(Names.STORE_AB_SERVED_LISTS);
        final List<ServedList> lists = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, ServedList> it = store.fetch(user + "\u0000", user + "\u0001",
                asOf, asOf)) {
            it.forEachRemaining(entry -> lists.add(entry.value));
        }
        return lists;
    }

    private ExperimentCounts counts() {
        final KeyValueStore<String, ExperimentCounts> store =
                driver.getKeyValueStore(Names.STORE_AB_EXPERIMENT_COUNTS);
        final ExperimentCounts counts = store.get(EXPERIMENT);
        assertNotNull(counts, "no counts for " + EXPERIMENT);
        return counts;
    }

    private void serve(final String variant, final long user, final String time, final long... products) {
        served.pipeInput(Long.toString(user), servedJson(variant, user, time, products).toString(),
                Instant.parse("2026-11-28T10:00:00Z"));
    }

    private static ObjectNode servedJson(final String variant, final long user, final String time,
            final long... products) {
        final ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", UUID.randomUUID().toString());
        node.put("date", "2026-11-28 10:00:00");
        node.put("user_id", user);
        node.put("model", variant.equals("A") ? "POPULARITY" : "CONTENT_BASE");
        final ArrayNode list = node.putArray("products");
        for (final long product : products) {
            list.add(product);
        }
        node.put("variant", variant);
        node.put("fallback", false);
        node.put("experiment", EXPERIMENT);
        node.put("rule", "hash");
        node.put("instance", "127.0.0.1:8080");
        node.put("served_at", Instant.parse("2026-11-28T10:00:00Z").toEpochMilli());
        node.put("as_of", millis(time));
        node.putObject("weights").put("A", 50.0).put("B", 50.0);
        return node;
    }

    private void view(final long user, final String time, final long product) {
        event(user, time, product, "VIEW_PRODUCT");
    }

    private void buy(final long user, final String time, final long product) {
        event(user, time, product, "BUY_PRODUCT");
    }

    private void event(final long user, final String time, final long product, final String type) {
        final long session = sessionSeq++;
        sessions.pipeInput(Long.toString(session), Lines.event(session, time, user, product, type),
                LocalDateTime.parse(time).toInstant(ZoneOffset.UTC));
    }

    private static long millis(final String time) {
        return LocalDateTime.parse(time).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
