package dev.shopreco.api.http;

import dev.shopreco.api.reco.ClockResponse;
import dev.shopreco.api.reco.PopularResponse;
import dev.shopreco.api.reco.ProfileResponse;
import dev.shopreco.api.reco.StateQueries;
import dev.shopreco.api.streams.EventClock;
import dev.shopreco.api.streams.KafkaStreamsHost;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.shopreco.streams.model.ProductFilter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the state holds about a user and about the catalog, read straight from the stores. */
@Controller
@Tag(name = "state")
public class StateController {

    private final StateQueries queries;
    private final Forwarder forwarder;
    private final EventClock clock;
    private final KafkaStreamsHost host;

    public StateController(final StateQueries queries, final Forwarder forwarder, final EventClock clock,
            final KafkaStreamsHost host) {
        this.queries = queries;
        this.forwarder = forwarder;
        this.clock = clock;
        this.host = host;
    }

    @Get(uri = "/state/clock", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The newest event time this instance's topology has read",
            description = "What a served list's as_of defaults to; a replay with simulated clients waits on it so "
                    + "that lists come from state that has caught up with the replay.")
    @ApiResponse(responseCode = "200", description = "The clock (event_time null before the first event)",
            content = @Content(schema = @Schema(implementation = ClockResponse.class)))
    public ClockResponse clock() {
        return new ClockResponse(clock.now(), host.instanceId());
    }

    @Get(uri = "/users/{userId}/profile", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A user's category-level relevances (highest first) and interactions with their strengths")
    @ApiResponse(responseCode = "200", description = "The profile (empty lists for a user without events)",
            content = @Content(schema = @Schema(implementation = ProfileResponse.class)))
    public CompletableFuture<MutableHttpResponse<?>> profile(
            @Parameter(description = "user id", schema = @Schema(type = "integer")) @PathVariable final String userId,
            final HttpRequest<?> request) {
        final long user = Params.userId(userId);
        return forwarder.answer(request, user, () -> queries.profile(user));
    }

    @Get(uri = "/products/popular", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The most popular products with their popularity (sum over users of s(u,p))")
    @ApiResponse(responseCode = "200", description = "Best first",
            content = @Content(schema = @Schema(implementation = PopularResponse.class)))
    public PopularResponse popular(
            @Parameter(description = "list length, 1 to 100 (default 10)", schema = @Schema(type = "integer"))
            @Nullable @QueryValue final String n,
            @Parameter(description = RecommendationController.CATEGORY_DOC) @Nullable @QueryValue final String category,
            @Parameter(description = RecommendationController.EXCLUDE_DOC) @Nullable @QueryValue
            final List<String> exclude,
            @Parameter(description = "not accepted here: the list is about no user", hidden = true)
            @Nullable @QueryValue final String exclusion) {
        final int count = Params.count(n);
        final ProductFilter filter = Params.products(category, exclude);
        Params.noExclusion(exclusion);
        return queries.popular(count, filter);
    }
}
