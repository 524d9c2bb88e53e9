package dev.shopreco.streams.state;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.streams.collaborative.ChunkKey;
import dev.shopreco.streams.collaborative.GramRow;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.TfIdf;
import dev.shopreco.streams.knn.Posting;
import dev.shopreco.streams.knn.PostingKey;
import dev.shopreco.streams.knn.Postings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The recommendation state read from the topology's stores: {@code user-interactions} (local: the
 * caller must ask the instance that owns the user, see {@code KafkaStreams.queryMetadataForKey} with
 * the user id as a decimal string and a {@code StringSerializer}), and the global stores
 * {@code popularity-all}, {@code popularity-top}, {@code catalog}, {@code item-gram-all} and
 * {@code user-knn-postings-all} (complete on every instance).
 *
 * <p>The content index is derived from the catalog store and cached; it is rebuilt on the first read
 * after {@code contentRefresh} has passed, so a catalog change shows within that delay and a request
 * never pays for more than one catalog scan per period. A store that is not ready throws
 * {@code InvalidStateStoreException}, which a server answers with 503.
 *
 * <p>Given the {@link StateVersions} of the topology running in the same process, reads of shared
 * state are kept until it changes: the decoded top list and popularity values until the next
 * popularity write, the content index until the next catalog write, the item Gram rows until the next
 * write of a row, the user-kNN postings until the next write of one. A user's interactions are always read from the store. In that (serving) mode the
 * content index is rebuilt off the caller's thread, on a daemon thread of this view, at most once per
 * {@code contentRefresh}: a request reads the index built last and never pays for a catalog scan,
 * except the very first read, which builds it (a server makes it before it reports ready). The
 * {@link PopularityOrder} filtered lists walk is kept the same way: rebuilt off the caller's thread
 * (a scan of the popularity store and a sort of the catalog) when popularity or the catalog moved,
 * at most once per {@code contentRefresh}.
 */
public final class StoreBackedState implements RecoStateView {

    private static final LongSerializer USER_PREFIX = new LongSerializer();

    private final LongFunction<ReadOnlyKeyValueStore<UserProductKey, InteractionStats>> interactions;
    private final ReadOnlyKeyValueStore<Long, Double> popularity;
    private final ReadOnlyKeyValueStore<String, TopList> top;
    private final ReadOnlyKeyValueStore<String, String> catalog;
    private final ReadOnlyKeyValueStore<ChunkKey, GramRow> itemGram;
    private final ReadOnlyKeyValueStore<PostingKey, Posting> postings;
    private final long refreshNanos;
    private final StateVersions versions;
    private volatile Cached cached;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile ExecutorService refresher;
    private volatile Popular popular;
    private volatile Gram gram;
    private volatile Order order;
    private final AtomicBoolean ordering = new AtomicBoolean();
    private final Object orderLock = new Object();
    private volatile Read postingsRead;

    private record Cached(ContentIndex index, long builtAtNanos, long catalogVersion) {
    }

    /** The item Gram rows as read while their counter was {@code version}. */
    private record Gram(long version, ItemGram rows) {
    }

    /** The popularity order as built while the popularity counter was {@code version}. */
    private record Order(PopularityOrder order, long version, long builtAtNanos) {
    }

    /** The user-kNN postings as read while their counter was {@code version}. */
    private record Read(long version, Postings postings) {
    }

    /** Popularity as read while the popularity counter was {@code version}. */
    private record Popular(long version, List<ScoredProduct> top, Map<Long, Double> values) {
    }

    /** A view that reads the stores on every call (content index: every {@code contentRefresh}). */
    public StoreBackedState(final ReadOnlyKeyValueStore<UserProductKey, InteractionStats> interactions,
            final ReadOnlyKeyValueStore<Long, Double> popularity, final ReadOnlyKeyValueStore<String, TopList> top,
            final ReadOnlyKeyValueStore<String, String> catalog, final ReadOnlyKeyValueStore<ChunkKey, GramRow> itemGram,
            final ReadOnlyKeyValueStore<PostingKey, Posting> postings, final Duration contentRefresh) {
        this(user -> interactions, popularity, top, catalog, itemGram, postings, contentRefresh, null);
    }

    /**
     * A view that keeps shared state until {@code versions} says it changed; {@code versions} must be
     * the one the topology writing these stores was built with (null: read every time).
     *
     * @param interactions the {@code user-interactions} store that holds a given user
     */
    public StoreBackedState(final LongFunction<ReadOnlyKeyValueStore<UserProductKey, InteractionStats>> interactions,
            final ReadOnlyKeyValueStore<Long, Double> popularity, final ReadOnlyKeyValueStore<String, TopList> top,
            final ReadOnlyKeyValueStore<String, String> catalog, final ReadOnlyKeyValueStore<ChunkKey, GramRow> itemGram,
            final ReadOnlyKeyValueStore<PostingKey, Posting> postings, final Duration contentRefresh,
            final StateVersions versions) {
        this.interactions = interactions;
        this.popularity = popularity;
        this.top = top;
        this.catalog = catalog;
        this.itemGram = itemGram;
        this.postings = postings;
        this.refreshNanos = contentRefresh.toNanos();
        this.versions = versions;
    }

    /** The view over a running instance's stores (call once it is RUNNING). */
    public static StoreBackedState of(final KafkaStreams streams, final Duration contentRefresh) {
        return new StoreBackedState(
                streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_USER_INTERACTIONS,
                        QueryableStoreTypes.<UserProductKey, InteractionStats>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_POPULARITY_ALL,
                        QueryableStoreTypes.<Long, Double>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_POPULARITY_TOP,
                        QueryableStoreTypes.<String, TopList>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_CATALOG,
                        QueryableStoreTypes.<String, String>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_ITEM_GRAM_ALL,
                        QueryableStoreTypes.<ChunkKey, GramRow>keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(Names.STORE_USER_KNN_POSTINGS_ALL,
                        QueryableStoreTypes.<PostingKey, Posting>keyValueStore())),
                contentRefresh);
    }

    @Override
    public List<UserInteraction> interactions(final long userId) {
        return interactionsOf(interactions.apply(userId), userId);
    }

    /** One user's products in a {@code user-interactions} store, ascending product id (a prefix scan). */
    public static List<UserInteraction> interactionsOf(
            final ReadOnlyKeyValueStore<UserProductKey, InteractionStats> store, final long userId) {
        final List<UserInteraction> list = new ArrayList<>();
        try (KeyValueIterator<UserProductKey, InteractionStats> it = store.prefixScan(userId, USER_PREFIX)) {
            while (it.hasNext()) {
                final KeyValue<UserProductKey, InteractionStats> entry = it.next();
                list.add(UserInteraction.of(entry.key.productId(), entry.value));
            }
        }
        return list;
    }

    @Override
    public double popularity(final long productId) {
        if (versions == null) {
            return readPopularity(productId);
        }
        return popular().values().computeIfAbsent(productId, this::readPopularity);
    }

    private double readPopularity(final long productId) {
        final Double value = popularity.get(productId);
        return value == null ? 0.0 : value;
    }

    @Override
    public List<ScoredProduct> topPopular() {
        return versions == null ? readTop() : popular().top();
    }

    private List<ScoredProduct> readTop() {
        final TopList list = top.get(Names.TOP_KEY);
        return list == null ? List.of() : list.entries();
    }

    /** The popularity read under the current counter (read before the stores, see StateVersions). */
    private Popular popular() {
        final long version = versions.popularity();
        final Popular current = popular;
        if (current != null && current.version() == version) {
            return current;
        }
        final Popular fresh = new Popular(version, readTop(), new ConcurrentHashMap<>());
        popular = fresh;
        return fresh;
    }

    @Override
    public ContentIndex content() {
        final Cached current = cached;
        if (current != null && (versions == null
                ? System.nanoTime() - current.builtAtNanos < refreshNanos
                : versions.catalog() == current.catalogVersion
                        || System.nanoTime() - current.builtAtNanos < refreshNanos)) {
            return current.index;
        }
        if (current == null || versions == null) {
            return rebuild();
        }
        if (refreshing.compareAndSet(false, true)) {
            refresher().execute(() -> {
                try {
                    rebuild();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return current.index;
    }

    @Override
    public PopularityOrder popularityOrder() {
        final Order current = order;
        if (current != null && (versions == null
                ? System.nanoTime() - current.builtAtNanos() < refreshNanos
                : versions.popularity() == current.version() && current.order().index() == content()
                        || System.nanoTime() - current.builtAtNanos() < refreshNanos)) {
            return current.order();
        }
        if (current == null || versions == null) {
            return buildOrder().order();
        }
        if (ordering.compareAndSet(false, true)) {
            refresher().execute(() -> {
                try {
                    buildOrder();
                } finally {
                    ordering.set(false);
                }
            });
        }
        return current.order();
    }

    /** Reads every popularity value (a scan of the global store) and orders the current catalog by them. */
    private Order buildOrder() {
        synchronized (orderLock) {
            final long version = versions == null ? 0 : versions.popularity();
            final long start = System.nanoTime();
            final ContentIndex index = content();
            final Map<Long, Double> values = new HashMap<>();
            try (KeyValueIterator<Long, Double> it = popularity.all()) {
                while (it.hasNext()) {
                    final KeyValue<Long, Double> entry = it.next();
                    if (entry.value != null) {
                        values.put(entry.key, entry.value);
                    }
                }
            }
            final Order built = new Order(PopularityOrder.of(index, values), version, start);
            order = built;
            return built;
        }
    }

    private ExecutorService refresher() {
        ExecutorService executor = refresher;
        if (executor == null) {
            synchronized (this) {
                executor = refresher;
                if (executor == null) {
                    executor = Executors.newSingleThreadExecutor(runnable -> {
                        final Thread thread = new Thread(runnable, "content-index-refresh");
                        thread.setDaemon(true);
                        return thread;
                    });
                    refresher = executor;
                }
            }
        }
        return executor;
    }

    @Override
    public ItemGram itemGram() {
        if (versions == null) {
            return readGram();
        }
        final long version = versions.itemGram();
        final Gram current = gram;
        if (current != null && current.version() == version) {
            return current.rows();
        }
        final ItemGram rows = readGram();
        gram = new Gram(version, rows);
        return rows;
    }

    private ItemGram readGram() {
        try (KeyValueIterator<ChunkKey, GramRow> it = itemGram.all()) {
            return ItemGram.fromChunks(it);
        }
    }

    @Override
    public Postings postings() {
        if (versions == null) {
            return readPostings();
        }
        final long version = versions.postings();
        final Read current = postingsRead;
        if (current != null && current.version() == version) {
            return current.postings();
        }
        final Postings read = readPostings();
        postingsRead = new Read(version, read);
        return read;
    }

    private Postings readPostings() {
        try (KeyValueIterator<PostingKey, Posting> it = postings.all()) {
            return Postings.of(it);
        }
    }

    private synchronized ContentIndex rebuild() {
        final Cached current = cached;
        final long now = System.nanoTime();
        final long catalogVersion = versions == null ? 0 : versions.catalog();
        if (current != null && (now - current.builtAtNanos < refreshNanos
                || versions != null && catalogVersion == current.catalogVersion)) {
            return current.index;
        }
        final ContentIndex index = TfIdf.fit(readCatalog());
        cached = new Cached(index, now, catalogVersion);
        return index;
    }

    private List<Product> readCatalog() {
        final Map<Long, Product> products = new TreeMap<>();
        try (KeyValueIterator<String, String> it = catalog.all()) {
            while (it.hasNext()) {
                // the producer only sends valid lines; anything else written to the topic is skipped
                if (CatalogParser.product(it.next().value) instanceof Parsed.Valid<Product> valid) {
                    products.put(valid.value().productId(), valid.value());
                }
            }
        }
        return new ArrayList<>(products.values());
    }
}
