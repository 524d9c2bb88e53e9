package dev.shopreco.streams.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.common.Names;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.aggregate.ProductTotals;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InputBacklog;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.StoreBackedState;
import dev.shopreco.streams.state.UserProductKey;
import dev.shopreco.streams.topology.RecoTopology;
import dev.shopreco.streams.topology.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The topology in a {@link TopologyTestDriver}, with every record piped in also kept, so that the
 * batch reference can be computed on exactly the same input and compared.
 */
public final class TopologyFixture implements AutoCloseable {

    /** A session id no test uses, for the watermark record of {@link #advanceWatermarkToEnd()}. */
    public static final long WATERMARK_SESSION = 999_999_999L;

    private final StreamsSettings settings;
    private final StateVersions versions = new StateVersions();
    private final InputBacklog backlog = new InputBacklog();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final Map<String, Object> appConfigs;
    private final TestInputTopic<String, String> products;
    private final TestInputTopic<String, String> users;
    private final TestInputTopic<String, String> sessions;
    private final TestInputTopic<String, byte[]> rawSessions;
    private final TestOutputTopic<String, Interaction> interactionsOut;
    private final TestOutputTopic<String, Rejected> rejectedOut;
    private final List<String> productLines = new ArrayList<>();
    private final List<String> sessionRecords = new ArrayList<>();
    private final List<Interaction> interactions = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();

    public TopologyFixture() {
        this(Map.of());
    }

    /**
     * A driver for the settings {@code env} overrides; unless it says otherwise, a changed kept set of
     * the item Gram matrices is applied at every Gram flush ({@code ITEM_GRAM_KEPT_INTERVAL=PT0S}).
     */
    public TopologyFixture(final Map<String, String> env) {
        try {
            stateDir = Files.createTempDirectory("streams-test");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final Map<String, String> variables = new HashMap<>(env);
        variables.putIfAbsent("ITEM_GRAM_KEPT_INTERVAL", "PT0S");
        settings = StreamsSettings.from(variables).on("ttd:9092", "ttd-" + UUID.randomUUID(), stateDir);
        final java.util.Properties config = RecoTopology.config(settings);
        appConfigs = new java.util.HashMap<>();
        config.forEach((k, v) -> appConfigs.put(k.toString(), v));
        driver = new TopologyTestDriver(RecoTopology.build(settings, versions, backlog), config);
        final StringSerializer text = new StringSerializer();
        products = driver.createInputTopic(Names.TOPIC_PRODUCTS, text, text);
        users = driver.createInputTopic(Names.TOPIC_USERS, text, text);
        sessions = driver.createInputTopic(Names.TOPIC_SESSIONS, text, text);
        rawSessions = driver.createInputTopic(Names.TOPIC_SESSIONS, text, new ByteArraySerializer());
        interactionsOut = driver.createOutputTopic(Names.TOPIC_INTERACTIONS, new StringDeserializer(),
                JsonSerde.of(Interaction.class));
        rejectedOut = driver.createOutputTopic(Names.TOPIC_REJECTED, new StringDeserializer(),
                JsonSerde.of(Rejected.class));
    }

    public StreamsSettings settings() {
        return settings;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** The configuration the driver runs with (its dead-letter metrics included). */
    public Map<String, Object> appConfigs() {
        return appConfigs;
    }

    /**
     * Says that {@code records} wait in the input of every sub-topology (the driver runs them all in
     * one task, 0_0), as a host's {@link InputBacklog#watch} would.
     */
    public TopologyFixture inputWaiting(final long records) {
        backlog.set(new TaskId(0, 0), records);
        return this;
    }

    /** The change counters the topology bumps. */
    public StateVersions versions() {
        return versions;
    }

    /** Sends a catalog line keyed by its id. */
    public TopologyFixture product(final long id, final String categoryPath) {
        final String line = Lines.product(id, categoryPath);
        productLines.add(line);
        products.pipeInput(Long.toString(id), line);
        return this;
    }

    /** Sends any text (or null: a tombstone) as a catalog record; it is not part of the reference's catalog. */
    public TopologyFixture rawProduct(final String key, final String value) {
        products.pipeInput(key, value);
        return this;
    }

    /** Sends any text (or null: a tombstone) as a user record. */
    public TopologyFixture rawUser(final String key, final String value) {
        users.pipeInput(key, value);
        return this;
    }

    /** Sends a session event keyed by its session, with record time = event time (as the producer does). */
    public TopologyFixture event(final long session, final String time, final Long user, final Long product,
            final String type) {
        final String line = Lines.event(session, time, user, product, type);
        sessionRecords.add(line);
        sessions.pipeInput(Long.toString(session), line,
                LocalDateTime.parse(time).toInstant(ZoneOffset.UTC));
        return this;
    }

    public TopologyFixture view(final long session, final String time, final Long user, final long product) {
        return event(session, time, user, product, "VIEW_PRODUCT");
    }

    public TopologyFixture buy(final long session, final String time, final Long user, final long product) {
        return event(session, time, user, product, "BUY_PRODUCT");
    }

    /** Sends any text (or null) as a session record. */
    public TopologyFixture raw(final String key, final String value) {
        sessionRecords.add(value);
        sessions.pipeInput(key, value);
        return this;
    }

    /** Sends any text as a session record with the given record time (the time a producer stamped it with). */
    public TopologyFixture raw(final String key, final String value, final Instant recordTime) {
        sessionRecords.add(value);
        sessions.pipeInput(key, value, recordTime);
        return this;
    }

    /** Sends raw bytes as a session record; the topology reads them as UTF-8 text, as the reference does. */
    public TopologyFixture rawBytes(final String key, final byte[] value) {
        sessionRecords.add(new String(value, StandardCharsets.UTF_8));
        rawSessions.pipeInput(key, value);
        return this;
    }

    /**
     * Sends an event without product dated now, after every other, so stream time passes every
     * session's gap and the sweep runs: what the end of a replay looks like once time moves on.
     */
    public TopologyFixture advanceWatermarkToEnd() {
        return event(WATERMARK_SESSION, Lines.now(), null, null, "VIEW_PRODUCT");
    }

    /** Everything written to shop.interactions so far, in order. */
    public List<Interaction> interactions() {
        interactions.addAll(interactionsOut.readValuesToList());
        return List.copyOf(interactions);
    }

    /** Everything written to shop.sessions.rejected so far, in order. */
    public List<Rejected> rejected() {
        rejected.addAll(rejectedOut.readValuesToList());
        return List.copyOf(rejected);
    }

    /** The batch reference on the same input (open sessions stay open: what the topology holds). */
    public ReferenceResult reference() {
        return BatchReference.fromRecords(productLines, sessionRecords, ReferenceOptions.of(settings, false));
    }

    /**
     * Lets wall-clock time pass, so the popularity and item-Gram flushes run (they are wall-clock
     * driven): a popularity period (the kept set follows the totals), then a Gram period.
     */
    public TopologyFixture flushWallClockWork() {
        driver.advanceWallClockTime(settings.popularityFlushInterval());
        driver.advanceWallClockTime(settings.itemGramFlushInterval());
        return this;
    }

    /** The models' view of the driver's stores (content index rebuilt on every read), after the popularity and item-Gram flushes. */
    public StoreBackedState state() {
        flushWallClockWork();
        return new StoreBackedState(driver.<UserProductKey, InteractionStats>getKeyValueStore(
                Names.STORE_USER_INTERACTIONS),
                driver.getKeyValueStore(Names.STORE_POPULARITY_ALL),
                driver.getKeyValueStore(Names.STORE_POPULARITY_TOP),
                driver.getKeyValueStore(Names.STORE_CATALOG),
                driver.getKeyValueStore(Names.STORE_ITEM_GRAM_ALL),
                driver.getKeyValueStore(Names.STORE_USER_KNN_POSTINGS_ALL),
                Duration.ZERO);
    }

    /** Like {@link #state()}, but keeping shared state until {@link #versions()} moves, as the API does. */
    public StoreBackedState versionedState() {
        flushWallClockWork();
        final KeyValueStore<UserProductKey, InteractionStats> interactions =
                driver.getKeyValueStore(Names.STORE_USER_INTERACTIONS);
        return new StoreBackedState(user -> interactions,
                driver.getKeyValueStore(Names.STORE_POPULARITY_ALL),
                driver.getKeyValueStore(Names.STORE_POPULARITY_TOP),
                driver.getKeyValueStore(Names.STORE_CATALOG),
                driver.getKeyValueStore(Names.STORE_ITEM_GRAM_ALL),
                driver.getKeyValueStore(Names.STORE_USER_KNN_POSTINGS_ALL),
                Duration.ZERO, versions);
    }

    /** The events waiting for their session's user, as the dead letters they would become. */
    public List<Rejected> waiting() {
        return WaitingEvents.in(driver);
    }

    /** Users present in {@code user-interactions}. */
    public Set<Long> users() {
        final Set<Long> users = new TreeSet<>();
        final KeyValueStore<UserProductKey, InteractionStats> store =
                driver.getKeyValueStore(Names.STORE_USER_INTERACTIONS);
        try (KeyValueIterator<UserProductKey, InteractionStats> it = store.all()) {
            it.forEachRemaining(kv -> users.add(kv.key.userId()));
        }
        return users;
    }

    /** Product -> popularity and users in the partitioned {@code product-popularity} store. */
    public List<KeyValue<Long, ProductTotals>> productPopularity() {
        flushWallClockWork();
        final List<KeyValue<Long, ProductTotals>> all = new ArrayList<>();
        final KeyValueStore<Long, ProductTotals> store = driver.getKeyValueStore(Names.STORE_PRODUCT_POPULARITY);
        try (KeyValueIterator<Long, ProductTotals> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        all.sort(Comparator.comparing(kv -> kv.key));
        return all;
    }

    /**
     * The whole invariant on this input: same interactions in the same order, same dead letters with
     * the same offsets, same events still waiting, same state (every s(u,p), profile, popularity).
     */
    public ReferenceResult assertMatchesReference() {
        final ReferenceResult reference = reference();
        StateAssertions.assertSameInteractions(reference.interactions(), interactions(), true);
        // a session past its gap is refused by the next sweep: until then its events still wait in the store
        final List<Rejected> deadLetters = rejected();
        final List<Rejected> refusedOrWaiting = new ArrayList<>(deadLetters);
        refusedOrWaiting.addAll(WaitingEvents.in(driver));
        final List<Rejected> expected = new ArrayList<>(reference.rejected());
        expected.addAll(reference.pendingAtEnd());
        StateAssertions.assertSameRejections(expected, refusedOrWaiting, true);
        StateAssertions.assertContainsRejections(reference.rejected(), deadLetters);
        StateAssertions.assertSameState(reference, state(), users());
        productPopularity().forEach(kv -> {
            StateAssertions.assertClose(reference.state().popularity(kv.key), kv.value.popularity(),
                    "product-popularity of " + kv.key);
            assertEquals(reference.state().usersOf(kv.key), kv.value.users(), "users of " + kv.key);
        });
        return reference;
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
