package dev.shopreco.api.http;

import dev.shopreco.api.streams.KeyOwners;
import dev.shopreco.api.streams.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.ProxyHttpClient;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Answers a request about a user on the instance that owns the user's state: here if this instance
 * owns it, otherwise by relaying the request to the owner ({@code queryMetadataForKey} +
 * {@code application.server}, as Confluent's music example does).
 *
 * <p>One hop at most: a relayed request carries {@link #FORWARDED_BY}, and an instance never relays
 * such a request again. If it no longer owns the user (the partition moved in between) it answers
 * 503 rather than a wrong fallback from a store that does not hold the user. Every answer names
 * the instance that computed it in {@link #SERVED_BY}.
 */
@Singleton
public class Forwarder {

    /** Set on relayed requests: the instance that relayed it. */
    public static final String FORWARDED_BY = "X-Shopreco-Forwarded-By";
    /** Set on every answer about a user: the instance that computed it ({@code host:port}). */
    public static final String SERVED_BY = "X-Shopreco-Served-By";
    /** Sent by a replaying client: the shop's event time now; relayed with the request. */
    public static final String EVENT_TIME = "X-Shopreco-Event-Time";

    /** The request headers a relay carries on (besides the request id and {@link #FORWARDED_BY}). */
    static final List<String> RELAYED_HEADERS = List.of(EVENT_TIME, ApiKeyFilter.HEADER,
            EventsController.IDEMPOTENCY_KEY);

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final KeyOwners owners;
    private final ProxyHttpClient client;
    private final Problems problems;
    private final Counter forwarded;
    private final Counter forwardFailed;

    public Forwarder(final KeyOwners owners, final ProxyHttpClient client, final Problems problems,
            final MeterRegistry meters) {
        this.owners = owners;
        this.client = client;
        this.problems = problems;
        this.forwarded = Counter.builder("reco.forwarded").tag("outcome", "relayed")
                .description("Requests relayed to the instance owning the user").register(meters);
        this.forwardFailed = Counter.builder("reco.forwarded").tag("outcome", "owner_unreachable")
                .description("Requests relayed to the instance owning the user").register(meters);
    }

    /**
     * The answer for {@code userId}: {@code local} computed here, or the owner's answer relayed (a 503
     * problem when the owner cannot be reached).
     *
     * @throws StoreUnavailableException when no owner is known, or a relayed request reached an
     *                                   instance that no longer owns the user
     */
    public CompletableFuture<MutableHttpResponse<?>> answer(final HttpRequest<?> request, final long userId,
            final Supplier<?> local) {
        return answerAt(request, owners.ownerOf(userId), "user " + userId, local);
    }

    /**
     * The answer about {@code what} (e.g. "experiment seed"), whose state {@code owner} holds: computed
     * here by {@code local} if that is this instance, otherwise relayed, with the same rules as for users.
     */
    public CompletableFuture<MutableHttpResponse<?>> answerAt(final HttpRequest<?> request, final HostInfo owner,
            final String what, final Supplier<?> local) {
        return handleAt(request, owner, what, null, () -> CompletableFuture.completedFuture(HttpResponse.ok(local.get())));
    }

    /**
     * The request handled by {@code owner}: by {@code local} if that is this instance, otherwise relayed
     * with its method, {@code body} (null: none) and the headers that shape the answer, with the same
     * rules as for users. Every answer computed here names this instance in {@link #SERVED_BY}.
     *
     * @throws StoreUnavailableException when a relayed request reached an instance that is not the owner
     */
    public CompletableFuture<MutableHttpResponse<?>> handleAt(final HttpRequest<?> request, final HostInfo owner,
            final String what, final String body, final Supplier<CompletableFuture<MutableHttpResponse<?>>> local) {
        final HostInfo self = owners.self();
        if (owner.equals(self)) {
            return local.get().thenApply(response -> response.header(SERVED_BY, owners.selfId()));
        }
        if (request.getHeaders().contains(FORWARDED_BY)) {
            throw new StoreUnavailableException("The state of " + what + " is owned by " + hostPort(owner)
                    + ", not by this instance, after a forward from " + request.getHeaders().get(FORWARDED_BY)
                    + " (partitions are moving)");
        }
        forwarded.increment();
        final MutableHttpRequest<Object> relay = HttpRequest.create(request.getMethod(),
                        target(owner, request.getUri()).toString())
                .header(FORWARDED_BY, hostPort(self))
                .accept(MediaType.APPLICATION_JSON_TYPE);
        if (body != null) {
            relay.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
        }
        for (final String header : RELAYED_HEADERS) {
            request.getHeaders().findFirst(header).ifPresent(value -> relay.header(header, value));
        }
        relay.header(RequestIds.HEADER, RequestIds.of(request));
        return Mono.from(client.proxy(relay))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty answer")))
                .toFuture()
                .exceptionally(error -> {
                    forwardFailed.increment();
                    LOG.warn("Owner {} of {} unreachable: {}", hostPort(owner), what, error.toString());
                    return problems.unavailable(request, "The instance owning " + what + " (" + hostPort(owner)
                            + ") is unreachable");
                });
    }

    static URI target(final HostInfo owner, final URI original) {
        final String query = original.getRawQuery();
        return URI.create("http://" + owner.host() + ":" + owner.port() + original.getRawPath()
                + (query == null ? "" : "?" + query));
    }

    static String hostPort(final HostInfo host) {
        return host == null ? "unknown" : host.host() + ":" + host.port();
    }
}
