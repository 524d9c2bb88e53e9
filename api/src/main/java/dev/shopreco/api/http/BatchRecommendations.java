package dev.shopreco.api.http;

import dev.shopreco.api.reco.BatchRequest;
import dev.shopreco.api.reco.BatchResponse;
import dev.shopreco.api.reco.ListFilter;
import dev.shopreco.api.reco.RecommendationResponse;
import dev.shopreco.api.reco.RecommendationService;
import dev.shopreco.api.streams.KeyOwners;
import dev.shopreco.api.streams.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /recommendations}: the users are grouped by the instance owning their state; this
 * instance answers its own, and each other owner gets one request with its users (marked
 * {@link Forwarder#FORWARDED_BY}, so it answers only what it owns and never relays again). A user
 * whose state cannot be read (no owner known, owner unreachable, partitions moving) gets a 503
 * result; the others still get their lists. Every list is served as by the single-user endpoints,
 * so each goes to {@code reco.served} from the instance that computed it.
 */
@Singleton
public class BatchRecommendations {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRecommendations.class);

    /**
     * A request, its values checked.
     *
     * @param users     the users, distinct
     * @param n         list length
     * @param model     the model, or null for the experiment
     * @param filter    the filters
     * @param eventTime the client's event time, or null
     * @param requestId the request's id
     * @param body      what the owners of other users are sent (their users in place of {@code user_ids})
     */
    record Checked(List<Long> users, int n, String model, ListFilter filter, Long eventTime, String requestId,
            BatchRequest body) {
    }

    private final KeyOwners owners;
    private final RecommendationService service;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Counter relayed;

    public BatchRecommendations(final KeyOwners owners, final RecommendationService service, final JsonMapper json,
            final MeterRegistry meters) {
        this.owners = owners;
        this.service = service;
        this.json = json;
        this.relayed = Counter.builder("reco.batch.relayed")
                .description("POST /recommendations requests relayed to another instance").register(meters);
    }

    /** The results for {@code request}'s users, in their order; {@code relayed}: this request came from another instance. */
    CompletableFuture<BatchResponse> answer(final Checked request, final boolean forwarded) {
        final Map<Long, BatchResponse.Result> results = new HashMap<>();
        final Map<HostInfo, List<Long>> others = new LinkedHashMap<>();
        final HostInfo self = owners.self();
        for (final long user : request.users()) {
            final HostInfo owner;
            try {
                owner = owners.ownerOf(user);
            } catch (final StoreUnavailableException e) {
                results.put(user, BatchResponse.Result.unavailable(user, e.getMessage()));
                continue;
            }
            if (owner.equals(self)) {
                results.put(user, local(request, user));
            } else if (forwarded) {
                results.put(user, BatchResponse.Result.unavailable(user, "The state of user " + user + " is owned by "
                        + Forwarder.hostPort(owner) + ", not by this instance (partitions are moving)"));
            } else {
                others.computeIfAbsent(owner, o -> new ArrayList<>()).add(user);
            }
        }
        final List<CompletableFuture<Void>> relays = new ArrayList<>();
        others.forEach((owner, users) -> relays.add(relay(request, owner, users).thenAccept(answered -> {
            synchronized (results) {
                answered.forEach(r -> results.put(r.userId(), r));
            }
        })));
        return CompletableFuture.allOf(relays.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            synchronized (results) {
                final List<BatchResponse.Result> ordered = new ArrayList<>(request.users().size());
                for (final long user : request.users()) {
                    ordered.add(results.getOrDefault(user, BatchResponse.Result.unavailable(user,
                            "The instance owning user " + user + " did not answer for it")));
                }
                return new BatchResponse(ordered);
            }
        });
    }

    private BatchResponse.Result local(final Checked request, final long user) {
        try {
            final RecommendationResponse response = request.model() == null
                    ? service.forExperiment(user, request.n(), request.filter(), request.eventTime(), request.requestId())
                    : service.forModel(request.model(), user, request.n(), request.filter(), request.eventTime(),
                            request.requestId());
            return BatchResponse.Result.ok(response);
        } catch (final StoreUnavailableException | InvalidStateStoreException e) {
            return BatchResponse.Result.unavailable(user, e.getMessage());
        }
    }

    /** One request to {@code owner} for {@code users}; a failure makes each of them a 503 result. */
    private CompletableFuture<List<BatchResponse.Result>> relay(final Checked request, final HostInfo owner,
            final List<Long> users) {
        relayed.increment();
        final BatchRequest body = new BatchRequest(users, request.body().n(), request.body().model(),
                request.body().category(), request.body().exclude(), request.body().exclusion());
        final HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port()
                            + "/recommendations"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(Forwarder.FORWARDED_BY, owners.selfId())
                    .header(RequestIds.HEADER, request.requestId())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } catch (final IOException e) {
            return CompletableFuture.completedFuture(unreachable(owner, users, e));
        }
        if (request.eventTime() != null) {
            builder.header(Forwarder.EVENT_TIME, Long.toString(request.eventTime()));
        }
        return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            try {
                return json.readValue(response.body(), Argument.of(BatchResponse.class)).results();
            } catch (final IOException e) {
                throw new IllegalStateException("unreadable answer: " + e.getMessage(), e);
            }
        }).exceptionally(error -> unreachable(owner, users, error));
    }

    private static List<BatchResponse.Result> unreachable(final HostInfo owner, final List<Long> users,
            final Throwable error) {
        LOG.warn("Owner {} of {} users of a batch unreachable: {}", Forwarder.hostPort(owner), users.size(),
                error.toString());
        return users.stream().map(user -> BatchResponse.Result.unavailable(user, "The instance owning user " + user
                + " (" + Forwarder.hostPort(owner) + ") is unreachable")).toList();
    }
}
