package dev.shopreco.api.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shopreco.api.experiment.Assignment;
import dev.shopreco.api.experiment.Experiment;
import dev.shopreco.api.experiment.HashRule;
import dev.shopreco.api.experiment.ThresholdRule;
import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.streams.experiment.RecentEvents;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.state.ScoredProduct;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The page's reads that no other endpoint answers: the catalog, a user's recent events, an assignment's reason. */
@Singleton
public class DashboardQueries {

    private final KafkaStreamsHost host;
    private final Experiment experiment;

    public DashboardQueries(final KafkaStreamsHost host, final Experiment experiment) {
        this.host = host;
        this.experiment = experiment;
    }

    /**
     * A product of the catalog.
     *
     * @param productId the product
     * @param name      its name
     * @param category  its category path, levels separated by {@code ;}
     * @param price     its price as delivered (may be absurd)
     */
    public record CatalogProduct(long productId, String name, String category, Double price) {
    }

    /**
     * The catalog.
     *
     * @param products every valid product, ascending id
     */
    public record Catalog(List<CatalogProduct> products) {
    }

    /**
     * An event of a user.
     *
     * @param time      event time, ISO-8601 UTC
     * @param productId the product
     * @param type      {@code VIEW_PRODUCT} or {@code BUY_PRODUCT}
     */
    public record UserEvent(String time, long productId, String type) {
    }

    /**
     * A user's recent events.
     *
     * @param userId the user
     * @param events newest first, at most the number asked for
     * @param keptFor how far back events are kept (the attribution's window + grace), in hours of event time
     */
    public record UserEvents(long userId, List<UserEvent> events, double keptFor) {
    }

    /**
     * One variant's draw under the hash rule.
     *
     * @param variant the variant
     * @param model   its model
     * @param weight  its weight
     * @param uniform the user's draw in (0,1)
     * @param time    {@code -ln(uniform)/weight}; the smallest wins (null for weight 0)
     */
    public record Draw(String variant, String model, double weight, double uniform, Double time) {
    }

    /**
     * Where the experiment puts a user, and why.
     *
     * @param userId     the user
     * @param experiment the running experiment
     * @param rule       {@code threshold} or {@code hash}
     * @param variant    the variant
     * @param model      its model
     * @param reason     the rule's decision in words
     * @param threshold  the threshold (threshold rule), else null
     * @param draws      every variant's draw (hash rule), else null
     */
    public record AssignmentReason(long userId, String experiment, String rule, String variant, String model,
            String reason, Long threshold, List<Draw> draws) {
    }

    /** The catalog's valid products (the global {@code catalog} store, the same on every instance). */
    public String catalogJson() {
        final List<CatalogProduct> products = new ArrayList<>();
        try (KeyValueIterator<String, String> all = this.<String, String>keyValueStore(Names.STORE_CATALOG).all()) {
            while (all.hasNext()) {
                final KeyValue<String, String> entry = all.next();
                if (entry.value != null && CatalogParser.product(entry.value) instanceof Parsed.Valid<Product> valid) {
                    final Product p = valid.value();
                    products.add(new CatalogProduct(p.productId(), p.productName(), p.categoryPath(), p.price()));
                }
            }
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The catalog is not queryable yet: " + e.getMessage(), e);
        }
        products.sort(Comparator.comparingLong(CatalogProduct::productId));
        return json(new Catalog(products));
    }

    /** The user's events still kept by the A/B attribution ({@code ab-recent-events}); call on its owner. */
    public String eventsJson(final long userId, final int n, final double keptForHours) {
        final ReadOnlyWindowStore<String, RecentEvents> store;
        final List<UserEvent> events = new ArrayList<>();
        try {
            store = running().store(StoreQueryParameters.fromNameAndType(Names.STORE_AB_RECENT_EVENTS,
                    QueryableStoreTypes.<String, RecentEvents>windowStore()));
            try (WindowStoreIterator<RecentEvents> it = store.fetch(Long.toString(userId), Instant.EPOCH,
                    Instant.ofEpochMilli(Long.MAX_VALUE))) {
                while (it.hasNext()) {
                    for (final RecentEvents.Event e : it.next().value.events()) {
                        events.add(new UserEvent(Instant.ofEpochMilli(e.time()).toString(), e.productId(),
                                e.purchase() ? "BUY_PRODUCT" : "VIEW_PRODUCT"));
                    }
                }
            }
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The recent events are not queryable yet: " + e.getMessage(), e);
        }
        // newest first; a window store iterates oldest first, and events at one time in arrival order
        final List<UserEvent> newest = new ArrayList<>(events.size());
        for (int i = events.size() - 1; i >= 0; i--) {
            newest.add(events.get(i));
        }
        return json(new UserEvents(userId, newest.subList(0, Math.min(n, newest.size())), keptForHours));
    }

    /**
     * A model's score of a product for a user.
     *
     * @param productId the product
     * @param score     the model's score
     */
    public record Score(long productId, double score) {
    }

    /**
     * A model's scores.
     *
     * @param userId the user
     * @param model  the model
     * @param scores best first
     */
    public record Scores(long userId, String model, List<Score> scores) {
    }

    /** {@code model}'s scores of {@code products} for the user, best first; call on the user's owner. */
    public String scoresJson(final Recommender model, final long userId, final List<Long> products) {
        final List<Score> scores = new ArrayList<>(products.size());
        try {
            for (final ScoredProduct scored : model.rank(userId, products)) {
                scores.add(new Score(scored.productId(), scored.score()));
            }
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The stores are migrating: " + e.getMessage(), e);
        }
        return json(new Scores(userId, model.name(), scores));
    }

    /** The running experiment's variant for the user and the rule's reason; the same on every instance. */
    public String assignmentJson(final long userId) {
        final Assignment assignment = experiment.assign(userId);
        String reason;
        Long threshold = null;
        List<Draw> draws = null;
        if (experiment.rule() instanceof ThresholdRule rule) {
            threshold = rule.threshold();
            reason = userId > rule.threshold()
                    ? "user id " + userId + " > " + rule.threshold() + ": " + rule.above().name()
                    : "user id " + userId + " <= " + rule.threshold() + ": " + rule.atOrBelow().name();
        } else if (experiment.rule() instanceof HashRule rule) {
            draws = new ArrayList<>();
            for (final HashRule.Draw d : rule.draws(userId)) {
                draws.add(new Draw(d.variant().name(), d.variant().model(), d.weight(), d.uniform(),
                        Double.isInfinite(d.time()) ? null : d.time()));
            }
            reason = "hash of (salt, variant, user id) per variant: the smallest -ln(u)/weight wins: "
                    + assignment.variant();
        } else {
            reason = experiment.rule().name() + ": " + assignment.variant();
        }
        return json(new AssignmentReason(userId, assignment.experiment(), assignment.rule(), assignment.variant(),
                assignment.model(), reason, threshold, draws));
    }

    private KafkaStreams running() {
        final KafkaStreams streams = host.streams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("Kafka Streams is " + (streams == null ? "starting" : streams.state()));
        }
        return streams;
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(final String name) {
        return running().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }

    /** {@code value} as the project's JSON (snake_case). */
    static String json(final Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
