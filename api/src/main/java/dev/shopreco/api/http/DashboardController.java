package dev.shopreco.api.http;

import dev.shopreco.api.reco.Models;
import dev.shopreco.api.streams.KeyOwners;
import dev.shopreco.api.streams.StreamsHostSettings;
import dev.shopreco.api.ui.DashboardJson;
import dev.shopreco.api.ui.DashboardQueries;
import dev.shopreco.api.ui.ExperimentHistory;
import dev.shopreco.api.ui.InstanceStatus;
import dev.shopreco.api.ui.SystemStatus;
import dev.shopreco.common.Names;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the page at {@code /ui} reads besides the recommendation, profile, popularity and experiment
 * endpoints: the catalog, a user's recent events and assignment, the experiment's click-through over
 * event time, and the state of every instance. Answers about a user or an experiment come from the
 * instance that holds them (relayed like any other such request).
 */
@Controller
@Tag(name = "dashboard")
public class DashboardController {

    private static final byte[] PAGE = page("/ui/index.html");
    private static final int DEFAULT_EVENTS = 20;
    private static final int MAX_NAME_LENGTH = 200;
    /** Headers an instance passes on when it asks the others for their status. */
    private static final String[] PASSED_ON = {"X-API-Key", RequestIds.HEADER};

    private final DashboardQueries queries;
    private final InstanceStatus instance;
    private final SystemStatus system;
    private final ExperimentHistory history;
    private final KeyOwners owners;
    private final Forwarder forwarder;
    private final Models models;
    private final double eventsKeptForHours;

    public DashboardController(final DashboardQueries queries, final InstanceStatus instance,
            final SystemStatus system, final ExperimentHistory history, final KeyOwners owners,
            final Forwarder forwarder, final Models models, final StreamsHostSettings settings) {
        this.queries = queries;
        this.instance = instance;
        this.system = system;
        this.history = history;
        this.owners = owners;
        this.forwarder = forwarder;
        this.models = models;
        this.eventsKeptForHours = settings.topology().experiment().retention().toMillis() / 3_600_000.0;
    }

    /** {@code /ui} and {@code /ui/} (one route to Micronaut); its files are static resources under {@code /ui/}. */
    @Get(uri = "/ui", produces = MediaType.TEXT_HTML)
    @Hidden
    public MutableHttpResponse<byte[]> page() {
        return HttpResponse.ok(PAGE).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static byte[] page(final String resource) {
        try (InputStream in = DashboardController.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/products", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The catalog: every valid product with its name, category path and price, ascending id")
    public String catalog() {
        return queries.catalogJson();
    }

    @Get(uri = "/users/{userId}/events", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A user's recent events, newest first",
            description = "The events the A/B attribution still keeps (its window plus grace, in event time); "
                    + "older history is in /users/{userId}/profile, one entry per product.")
    public CompletableFuture<MutableHttpResponse<?>> events(
            @Parameter(description = "user id", schema = @Schema(type = "integer")) @PathVariable final String userId,
            @Parameter(description = "events, 1 to 100 (default 20)", schema = @Schema(type = "integer"))
            @Nullable @QueryValue final String n,
            final HttpRequest<?> request) {
        final long user = Params.userId(userId);
        final int count = n == null ? DEFAULT_EVENTS : Params.count(n);
        return forwarder.answerAt(request, owners.ownerOfKey(Names.STORE_AB_RECENT_EVENTS, Long.toString(user)),
                "the recent events of user " + user, () -> queries.eventsJson(user, count, eventsKeptForHours));
    }

    @Get(uri = "/models/{model}/user/{userId}/scores", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A model's scores of the given products for a user, best first; nothing is served or logged",
            description = "What the page shows next to a served list. Products outside the catalog score as the "
                    + "model scores them (usually 0).")
    public CompletableFuture<MutableHttpResponse<?>> scores(
            @Parameter(description = "model name, case-insensitive") @PathVariable final String model,
            @Parameter(description = "user id", schema = @Schema(type = "integer")) @PathVariable final String userId,
            @Parameter(description = "product ids, comma-separated, at most 100") @Nullable @QueryValue final String products,
            final HttpRequest<?> request) {
        final String name = models.canonical(model);
        final long user = Params.userId(userId);
        final List<Long> ids = productIds(products);
        return forwarder.answer(request, user, () -> queries.scoresJson(models.get(name), user, ids));
    }

    /** Comma-separated product ids: 0 to 100 non-negative integers. */
    static List<Long> productIds(final String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        final String[] parts = text.split(",", -1);
        if (parts.length > Params.MAX_N) {
            throw new BadRequestException("At most " + Params.MAX_N + " product ids, got " + parts.length);
        }
        final List<Long> ids = new ArrayList<>(parts.length);
        for (final String part : parts) {
            final String value = part.trim();
            if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadRequestException("products must be comma-separated non-negative integers, got '"
                        + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'");
            }
            ids.add(Long.parseLong(value));
        }
        return ids;
    }

    @Get(uri = "/users/{userId}/assignment", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The running experiment's variant for a user and the rule's reason (threshold, or each "
            + "variant's hash draw)")
    public String assignment(
            @Parameter(description = "user id", schema = @Schema(type = "integer")) @PathVariable final String userId) {
        return queries.assignmentJson(Params.userId(userId));
    }

    @Get(uri = "/experiments/{name}/history", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The running experiment's cumulative counts per variant over event time",
            description = "Kept in memory by the instance owning the experiment's counts since it started or took "
                    + "them over; at most 400 points, thinned evenly. Empty for other experiments.")
    public CompletableFuture<MutableHttpResponse<?>> experimentHistory(
            @Parameter(description = "the experiment's name") @PathVariable final String name,
            final HttpRequest<?> request) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new BadRequestException("The experiment name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return forwarder.answerAt(request, owners.ownerOfExperiment(name), "experiment " + name,
                () -> DashboardJson.of(history.series(name)));
    }

    @Get(uri = "/state/instance", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "This instance: Kafka Streams state, threads and tasks, partitions and stores, lag per "
            + "input topic, events and lists per second, dead letters, the last ITEM_EASE fit")
    public String instance() {
        return DashboardJson.of(instance.now());
    }

    @Get(uri = "/state/system", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Every instance's /state/instance, collected by this one (UNREACHABLE for one that "
            + "does not answer within 2 s)")
    public CompletableFuture<String> system(final HttpRequest<?> request) {
        final Map<String, String> headers = new LinkedHashMap<>();
        for (final String name : PASSED_ON) {
            request.getHeaders().findFirst(name).ifPresent(value -> headers.put(name, value));
        }
        return system.collect(headers);
    }
}
