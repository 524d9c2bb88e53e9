package dev.shopreco.streams.topology;

import dev.shopreco.common.Names;
import dev.shopreco.common.json.InteractionSerde;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.model.User;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.streams.aggregate.KeptTurns;
import dev.shopreco.streams.aggregate.ProductChange;
import dev.shopreco.streams.aggregate.ProductTotals;
import dev.shopreco.streams.aggregate.UserInteractionAggregator;
import dev.shopreco.streams.clean.CleanOutcome;
import dev.shopreco.streams.clean.ReferenceCleaner;
import dev.shopreco.streams.clean.SessionCleaner;
import dev.shopreco.streams.clean.SessionState;
import dev.shopreco.streams.clean.Weights;
import dev.shopreco.streams.collaborative.ChunkKey;
import dev.shopreco.streams.collaborative.GramChunks;
import dev.shopreco.streams.collaborative.GramRow;
import dev.shopreco.streams.collaborative.KeptProducts;
import dev.shopreco.streams.experiment.ExperimentTopology;
import dev.shopreco.streams.knn.Posting;
import dev.shopreco.streams.knn.PostingChanges;
import dev.shopreco.streams.knn.PostingKey;
import dev.shopreco.streams.knn.UserKnnTopology;
import dev.shopreco.streams.state.InputBacklog;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.RankedProduct;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.TopList;
import dev.shopreco.streams.state.UserProductKey;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology of docs/design.md §2 and its configuration.
 *
 * <pre>
 * shop.sessions --clean-sessions [session-state, session-watermark]--+--weigh--> shop.interactions
 *                                                                     +--------> shop.sessions.rejected
 * shop.interactions --aggregate-user-interactions [user-interactions, user-windows, popularity-deltas,
 *                                                 item-gram-pending; reads item-gram-kept]--+
 *   +--(product, popularity and users change)--> popularity-by-product-repartition --sum-popularity [product-popularity]--+
 *   |      +--> reco.popularity
 *   |      +--> popularity-top-repartition --+--top-k [popularity-top-builder]--> reco.popularity.top
 *   |                                        +--kept-products [item-gram-kept-builder]--> reco.item-gram.kept
 *   +--(product, Gram row change)--> item-gram-by-product-repartition --sum-item-gram [item-gram]--> reco.item-gram
 *   +--(product, posting changes)--> user-knn-postings-by-product-repartition
 *          --recent-users [user-knn-postings, user-knn-recency, user-knn-published]--> reco.user-knn.postings
 * shop.interactions + reco.served --> the A/B analysis, see ExperimentTopology
 * global tables: shop.products [catalog], shop.users [users], reco.popularity [popularity-all],
 *                reco.popularity.top [popularity-top], reco.item-gram [item-gram-all],
 *                reco.item-gram.kept [item-gram-kept], reco.user-knn.postings [user-knn-postings-all]
 * </pre>
 *
 * {@code shop.interactions} is both the evaluator's snapshot source and the repartition by user.
 */
public final class RecoTopology {

    private static final Serde<String> TEXT = Serdes.String();
    /** The producers' transaction timeout under exactly-once (Kafka Streams' own default: 10 s). */
    static final int TRANSACTION_TIMEOUT_MS = 60_000;
    private static final Serde<Interaction> INTERACTION = new InteractionSerde();

    private RecoTopology() {
    }

    /**
     * The topology for {@code settings} (the A/B analysis's among them), bumping {@code versions}
     * after each write to the stores a server answers from (a user's interactions, popularity, the
     * top list, the catalog, the item Gram rows), on live input: no host tells it of a backlog.
     */
    public static Topology build(final StreamsSettings settings, final StateVersions versions) {
        return build(settings, versions, new InputBacklog());
    }

    /**
     * The topology as {@link #build(StreamsSettings, StateVersions)}, whose item-Gram flush reads from
     * {@code backlog} what waits in its task's input (a host keeps it current, {@link InputBacklog#watch}).
     */
    public static Topology build(final StreamsSettings settings, final StateVersions versions,
            final InputBacklog backlog) {
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config(settings))));
        globalTables(builder, versions);
        reference(builder);
        clean(builder, settings.weights(), settings);
        final KStream<String, Interaction> interactions = builder.stream(Names.TOPIC_INTERACTIONS,
                Consumed.with(TEXT, INTERACTION).withName("interactions-source"));
        aggregate(builder, interactions, settings, versions, backlog);
        ExperimentTopology.addTo(builder, interactions, settings.experiment());
        return builder.build();
    }

    /** The Kafka Streams configuration for {@code settings}; every non-default value says why. */
    public static Properties config(final StreamsSettings settings) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        if (settings.stateDir() != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        }
        if (settings.applicationServer() != null) {
            // lets other instances find the owner of a user for interactive queries
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        }
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        // docs/design.md §2: after a crash or restart no event is lost and none is counted twice
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        // the replay writes in transactions: no consumer may read a record of an aborted one, under
        // at_least_once either (exactly_once_v2 sets this itself)
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // every write waits for all in-sync replicas (the topic's min.insync.replicas) under either guarantee,
        // whatever KAFKA_CLIENT_ACKS says (the producers' default already, made explicit here)
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        // A step of the stream thread (an item-Gram flush, the scan after a kept-set change) can outlast
        // the 10 s that Kafka Streams gives a transaction under exactly-once when the state is large and
        // the cores are shared; the coordinator then aborts it, the thread is fenced, and every task is
        // closed dirty and restored from its changelog. A minute leaves room (STREAMS_KAFKA_PRODUCER_
        // TRANSACTION_TIMEOUT_MS overrides it, within the brokers' transaction.max.timeout.ms).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        // Process whatever is buffered, without waiting on empty partitions to fetch. The one task with two
        // inputs (shop.interactions and reco.served, the A/B join) keeps both sides for a window plus a grace
        // period and attributes in either order, so it needs no timestamp alignment; and with the default (0)
        // Kafka Streams 4.4 formats a debug text for every empty partition on every processing check.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        if (settings.commitInterval() != null) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        }
        // folds the many updates of a hot key between commits into one changelog / popularity record
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, settings.cacheMaxBytes());
        // one memory bound for every RocksDB store, so memory follows the state, not the store count
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        props.put(BoundedRocksDbConfig.MEMORY_BYTES_CONFIG, Long.toString(settings.rocksDbMemoryBytes()));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        // No record can stop processing: one that a processor fails on, or whose bytes a serde cannot read
        // (a foreign record on shop.interactions or a repartition topic), becomes a dead letter written in the
        // task's transaction, and processing goes on; only a broken store or a refused authorization fails.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        // the dead letters this client writes, per stage and reason (processors and handlers count here)
        props.put(DeadLetterMetrics.CONFIG, new DeadLetterMetrics());
        // the build fails if any store, changelog or repartition topic was left to a generated name
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // opt in now to the global thread's exception handling that Kafka 5.0 makes the default
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // SASL / TLS and other client settings from KAFKA_CLIENT_CONFIG_FILE and KAFKA_CLIENT_* reach every
        // client Kafka Streams creates; STREAMS_KAFKA_* still win
        settings.client().addTo(props);
        props.putAll(settings.overrides());
        return props;
    }

    private static void globalTables(final StreamsBuilder builder, final StateVersions versions) {
        // The stores the API serves from tell it when they change (NotifyingStoreSupplier), with the
        // record cache off so that a write is readable when it is announced; a global table has nothing
        // for the cache to fold (its topic is already one record per change).
        // the catalog as validated by validate-products (reco.catalog): every line here parses
        builder.globalTable(Names.TOPIC_CATALOG, Consumed.with(TEXT, TEXT).withName("catalog"),
                Materialized.<String, String>as(
                        new NotifyingStoreSupplier(Names.STORE_CATALOG, versions::catalogChanged))
                        .withKeySerde(TEXT).withValueSerde(TEXT).withCachingDisabled());
        builder.globalTable(Names.TOPIC_POPULARITY,
                Consumed.with(Serdes.Long(), Serdes.Double()).withName("popularity-all"),
                Materialized.<Long, Double>as(
                        new NotifyingStoreSupplier(Names.STORE_POPULARITY_ALL, versions::popularityChanged))
                        .withKeySerde(Serdes.Long()).withValueSerde(Serdes.Double()).withCachingDisabled());
        builder.globalTable(Names.TOPIC_POPULARITY_TOP,
                Consumed.with(TEXT, TopList.serde()).withName("popularity-top"),
                Materialized.<String, TopList>as(
                        new NotifyingStoreSupplier(Names.STORE_POPULARITY_TOP, versions::popularityChanged))
                        .withKeySerde(TEXT).withValueSerde(TopList.serde()).withCachingDisabled());
        builder.globalTable(Names.TOPIC_ITEM_GRAM,
                Consumed.with(ChunkKey.serde(), GramRow.serde()).withName("item-gram-all"),
                Materialized.<ChunkKey, GramRow>as(
                        new NotifyingStoreSupplier(Names.STORE_ITEM_GRAM_ALL, versions::itemGramChanged))
                        .withKeySerde(ChunkKey.serde()).withValueSerde(GramRow.serde()).withCachingDisabled());
        builder.globalTable(Names.TOPIC_USER_KNN_POSTINGS,
                Consumed.with(PostingKey.serde(), Posting.serde()).withName("user-knn-postings-all"),
                Materialized.<PostingKey, Posting>as(
                        new NotifyingStoreSupplier(Names.STORE_USER_KNN_POSTINGS_ALL, versions::postingsChanged))
                        .withKeySerde(PostingKey.serde()).withValueSerde(Posting.serde()).withCachingDisabled());
        builder.globalTable(Names.TOPIC_ITEM_GRAM_KEPT,
                Consumed.with(Serdes.Long(), Serdes.Long()).withName("item-gram-kept"),
                Materialized.<Long, Long, KeyValueStore<Bytes, byte[]>>as(Names.STORE_ITEM_GRAM_KEPT)
                        .withKeySerde(Serdes.Long()).withValueSerde(Serdes.Long()).withCachingDisabled());
    }

    /**
     * The reference topics, validated as the producer validates them: shop.products to the catalog every
     * instance reads (reco.catalog), shop.users to the users store; anything else to the dead letters.
     */
    private static void reference(final StreamsBuilder builder) {
        final Produced<String, Rejected> deadLetters = Produced.with(TEXT, JsonSerde.of(Rejected.class));
        builder.stream(Names.TOPIC_PRODUCTS, Consumed.with(TEXT, TEXT).withName("products-source"))
                .process(() -> new ReferenceCleaner<>(Names.TOPIC_PRODUCTS, CatalogParser::product, Product::productId,
                        null), Named.as("validate-products"))
                .split(Named.as("products-"))
                .branch((key, checked) -> checked instanceof ReferenceCleaner.Checked.Valid,
                        Branched.withConsumer(valid -> valid
                                .mapValues(checked -> ((ReferenceCleaner.Checked.Valid) checked).line(),
                                        Named.as("product-line"))
                                .to(Names.TOPIC_CATALOG, Produced.with(TEXT, TEXT).withName("catalog-sink")), "valid"))
                .defaultBranch(Branched.withConsumer(refused -> refused
                        .mapValues(checked -> ((ReferenceCleaner.Checked.Refused) checked).rejected(),
                                Named.as("product-dead-letter"))
                        .to(Names.TOPIC_REJECTED, deadLetters.withName("products-rejected-sink")), "refused"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.STORE_USERS), TEXT,
                TEXT));
        builder.stream(Names.TOPIC_USERS, Consumed.with(TEXT, TEXT).withName("users-source"))
                .process(() -> new ReferenceCleaner<>(Names.TOPIC_USERS, CatalogParser::user, User::userId,
                        Names.STORE_USERS), Named.as("validate-users"), Names.STORE_USERS)
                .filter((key, checked) -> checked instanceof ReferenceCleaner.Checked.Refused,
                        Named.as("user-refused"))
                .mapValues(checked -> ((ReferenceCleaner.Checked.Refused) checked).rejected(),
                        Named.as("user-dead-letter"))
                .to(Names.TOPIC_REJECTED, deadLetters.withName("users-rejected-sink"));
    }

    private static void clean(final StreamsBuilder builder, final Weights weights, final StreamsSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_SESSION_STATE), Serdes.Long(), SessionState.serde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_SESSION_WATERMARK), TEXT, Serdes.Long())
                .withCachingEnabled());
        final KStream<String, CleanOutcome> outcomes = builder
                // read as text, never with a throwing JSON serde: the cleaner refuses bad records with a reason
                .stream(Names.TOPIC_SESSIONS, Consumed.with(TEXT, TEXT).withName("sessions-source")
                        .withTimestampExtractor(new EventTimeExtractor()))
                .process(() -> new SessionCleaner(settings.sessionGap(), settings.sessionSweepInterval(),
                        settings.eventParser()),
                        Named.as("clean-sessions"), Names.STORE_SESSION_STATE,
                        Names.STORE_SESSION_WATERMARK);
        outcomes.split(Named.as("clean-"))
                .branch((key, outcome) -> outcome instanceof CleanOutcome.Accepted,
                        Branched.withConsumer(accepted -> accepted
                                .mapValues(outcome -> weights.weigh(((CleanOutcome.Accepted) outcome).event()),
                                        Named.as("weigh"))
                                .to(Names.TOPIC_INTERACTIONS, Produced.with(TEXT, INTERACTION)
                                        .withName("interactions-sink")), "accepted"))
                .defaultBranch(Branched.withConsumer(refused -> refused
                        .mapValues(outcome -> ((CleanOutcome.Refused) outcome).rejected(), Named.as("dead-letter"))
                        .to(Names.TOPIC_REJECTED, Produced.with(TEXT, JsonSerde.of(Rejected.class))
                                .withName("rejected-sink")), "refused"));
    }

    private static void aggregate(final StreamsBuilder builder, final KStream<String, Interaction> interactions,
            final StreamsSettings settings, final StateVersions versions, final InputBacklog backlog) {
        final int topK = settings.popularityTopK();
        // the aggregators of this topology's tasks take turns at re-applying a changed kept set
        final KeptTurns keptTurns = new KeptTurns();
        // No record cache: a (user, product) pair seldom changes twice within a commit, and its entries (one
        // per pair, far more than the cache holds) would fill the thread's cache with clean entries; every put
        // to a small cached store below then evicts, and so flushes, that store's own dirty entries: one
        // changelog record per event for popularity-deltas, item-gram-pending and session-state
        // (TopologyBench "written").
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_USER_INTERACTIONS), UserProductKey.serde(),
                InteractionStats.serde()).withCachingDisabled());
        // in memory (logged): at most one small entry per product, emptied every flush; the cache keeps
        // its changelog to one record per product and commit instead of one per event
        // one entry per (user, product) in a window: a product entering writes one entry (and deletes the one
        // it replaces), not the whole window
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_USER_WINDOWS), UserProductKey.serde(),
                Serdes.Long()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.STORE_POPULARITY_DELTAS), Serdes.Long(),
                ProductTotals.serde()).withCachingEnabled());
        // in memory (logged): per user, the products changed since the last Gram flush, emptied by it; the
        // cache folds a session's writes into one changelog record per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.STORE_ITEM_GRAM_PENDING), UserProductKey.serde(),
                Serdes.ByteArray()).withCachingEnabled());
        final Map<String, KStream<Long, ProductChange>> byKind = interactions
                .process(() -> new UserInteractionAggregator(settings.popularityFlushInterval(),
                                settings.popularityBacklogFlushInterval(), settings.itemGramFlushInterval(),
                                settings.itemGramMaxPending(), settings.flushBacklog(),
                                settings.itemGramKeptInterval(), settings.gram(), versions, backlog, keptTurns),
                        Named.as("aggregate-user-interactions"), Names.STORE_USER_INTERACTIONS,
                        Names.STORE_USER_WINDOWS, Names.STORE_POPULARITY_DELTAS,
                        Names.STORE_ITEM_GRAM_PENDING)
                .split(Named.as("product-"))
                .branch((product, change) -> change instanceof ProductTotals, Branched.as("popularity"))
                .branch((product, change) -> change instanceof PostingChanges, Branched.as("postings"))
                .defaultBranch(Branched.as("gram"));
        itemGram(builder, byKind.get("product-gram"));
        UserKnnTopology.addTo(builder, byKind.get("product-postings"), settings.gram().usersPerProduct());
        final KTable<Long, ProductTotals> totals = byKind.get("product-popularity")
                .mapValues(change -> (ProductTotals) change, Named.as("popularity-delta"))
                .groupByKey(Grouped.with("popularity-by-product", Serdes.Long(), ProductTotals.serde()))
                .reduce(ProductTotals::plus, Named.as("sum-popularity"),
                        Materialized.<Long, ProductTotals, KeyValueStore<Bytes, byte[]>>as(
                                Names.STORE_PRODUCT_POPULARITY)
                                .withKeySerde(Serdes.Long()).withValueSerde(ProductTotals.serde()));
        final KStream<Long, ProductTotals> changes = totals.toStream(Named.as("popularity-changes"));
        changes.mapValues(ProductTotals::popularity, Named.as("popularity-value"))
                .to(Names.TOPIC_POPULARITY, Produced.with(Serdes.Long(), Serdes.Double())
                        .withName("popularity-sink"));
        // one task ranks every product: the top-K list by popularity and the item Gram's kept set by users
        final KStream<String, RankedProduct> ranked = changes
                .map((product, value) -> KeyValue.pair(Names.TOP_KEY,
                        new RankedProduct(product, value.popularity(), value.users())), Named.as("popularity-to-top"))
                .repartition(Repartitioned.<String, RankedProduct>as(Names.REPARTITION_POPULARITY_TOP)
                        .withKeySerde(TEXT).withValueSerde(RankedProduct.serde()));
        ranked.groupByKey(Grouped.with(TEXT, RankedProduct.serde()))
                .aggregate(TopList::empty, (key, product, top) -> top.with(product.byPopularity(), topK),
                        Named.as("top-k"),
                        Materialized.<String, TopList, KeyValueStore<Bytes, byte[]>>as(
                                Names.STORE_POPULARITY_TOP_BUILDER).withKeySerde(TEXT)
                                .withValueSerde(TopList.binarySerde()))
                .toStream(Named.as("top-k-changes"))
                .to(Names.TOPIC_POPULARITY_TOP, Produced.with(TEXT, TopList.serde())
                        .withName("popularity-top-sink"));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_ITEM_GRAM_KEPT_BUILDER), Serdes.Long(),
                Serdes.Long()));
        final int kept = settings.gram().keptProducts();
        ranked.process(() -> new KeptProducts(kept), Named.as("kept-products"),
                        Names.STORE_ITEM_GRAM_KEPT_BUILDER)
                .to(Names.TOPIC_ITEM_GRAM_KEPT, Produced.with(Serdes.Long(), Serdes.Long())
                        .withName("item-gram-kept-sink"));
    }

    /** The item Gram rows: each product's row changes added to its chunks in {@code item-gram}, published for every instance. */
    private static void itemGram(final StreamsBuilder builder, final KStream<Long, ProductChange> changes) {
        // no record cache: up to ITEM_EASE_MAX_PRODUCTS² cells, each chunk changed at most once per flush and task
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_ITEM_GRAM), ChunkKey.serde(), GramRow.serde())
                .withCachingDisabled());
        changes.mapValues(change -> (GramRow) change, Named.as("gram-row-change"))
                .repartition(Repartitioned.<Long, GramRow>as(Names.REPARTITION_ITEM_GRAM)
                        .withKeySerde(Serdes.Long()).withValueSerde(GramRow.serde()))
                .process(GramChunks::new, Named.as("sum-item-gram"), Names.STORE_ITEM_GRAM)
                .to(Names.TOPIC_ITEM_GRAM, Produced.with(ChunkKey.serde(), GramRow.serde())
                        .withName("item-gram-sink"));
    }
}
