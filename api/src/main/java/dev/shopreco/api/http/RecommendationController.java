package dev.shopreco.api.http;

import dev.shopreco.api.reco.ListFilter;
import dev.shopreco.api.reco.Models;
import dev.shopreco.api.reco.RecommendationResponse;
import dev.shopreco.api.reco.RecommendationService;
import dev.shopreco.api.reco.ResponseJson;
import dev.shopreco.streams.model.Recommenders;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The seed's endpoint and its model-explicit twin; the answer comes from the instance owning the user. */
@Controller
@Tag(name = "recommendations")
public class RecommendationController {

    /** The filters' documentation, the same on every list endpoint. */
    static final String CATEGORY_DOC = "only products of this category level (as the catalog's ';'-separated levels "
            + "are matched: whole level, case-insensitive); several levels separated by ';' must all match";
    static final String EXCLUDE_DOC = "product ids to leave out (e.g. the cart), comma-separated or repeated; "
            + "at most 500";
    static final String EXCLUSION_DOC = "which of the user's own products to leave out; default RECO_EXCLUSION";

    private final RecommendationService service;
    private final Models models;
    private final Forwarder forwarder;

    public RecommendationController(final RecommendationService service, final Models models,
            final Forwarder forwarder) {
        this.service = service;
        this.models = models;
        this.forwarder = forwarder;
    }

    @Get(uri = "/models/user/{userId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Recommendations for a user, from the model of the user's experiment variant",
            description = "The seed's contract. Every answer is also written to reco.served with the same id.")
    @ApiResponse(responseCode = "200", description = "The list (fallback true: the popularity list stood in)",
            content = @Content(schema = @Schema(implementation = RecommendationResponse.class)))
    @ApiResponse(responseCode = "400", description = "Bad user id or n",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "503", description = "State not queryable yet; retry after Retry-After seconds",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public CompletableFuture<MutableHttpResponse<?>> recommend(
            @Parameter(description = "user id, a non-negative integer", schema = @Schema(type = "integer"))
            @PathVariable final String userId,
            @Parameter(description = "list length, 1 to 100 (default 10)", schema = @Schema(type = "integer"))
            @Nullable @QueryValue final String n,
            @Parameter(description = CATEGORY_DOC) @Nullable @QueryValue final String category,
            @Parameter(description = EXCLUDE_DOC) @Nullable @QueryValue final List<String> exclude,
            @Parameter(description = EXCLUSION_DOC, schema = @Schema(type = "string",
                    allowableValues = {"NONE", "PURCHASED", "INTERACTED"}))
            @Nullable @QueryValue final String exclusion,
            @Parameter(description = "the shop's current event time as a replaying client knows it (epoch ms or "
                    + "ISO date-time, UTC); stamps the served list for the A/B analysis")
            @Nullable @Header(Forwarder.EVENT_TIME) final String eventTime,
            final HttpRequest<?> request) {
        final long user = Params.userId(userId);
        final int count = Params.count(n);
        final ListFilter filter = Params.filter(category, exclude, exclusion);
        final Long time = Params.eventTime(eventTime);
        // written as bytes here (ResponseJson), not by the serde: the request path's largest cost once answers are kept
        return forwarder.answer(request, user, () -> ResponseJson.bytes(service.forExperiment(user, count, filter, time,
                RequestIds.of(request))));
    }

    @Get(uri = "/models/{model}/user/{userId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Recommendations for a user from a chosen model, outside the experiment",
            description = "For debugging and evaluation; variant is null. Models: " + Recommenders.NAMES + ".")
    @ApiResponse(responseCode = "200", description = "The list",
            content = @Content(schema = @Schema(implementation = RecommendationResponse.class)))
    @ApiResponse(responseCode = "404", description = "Unknown model",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public CompletableFuture<MutableHttpResponse<?>> recommendWithModel(
            @Parameter(description = "model name, case-insensitive") @PathVariable final String model,
            @Parameter(description = "user id", schema = @Schema(type = "integer")) @PathVariable final String userId,
            @Parameter(description = "list length, 1 to 100 (default 10)", schema = @Schema(type = "integer"))
            @Nullable @QueryValue final String n,
            @Parameter(description = CATEGORY_DOC) @Nullable @QueryValue final String category,
            @Parameter(description = EXCLUDE_DOC) @Nullable @QueryValue final List<String> exclude,
            @Parameter(description = EXCLUSION_DOC, schema = @Schema(type = "string",
                    allowableValues = {"NONE", "PURCHASED", "INTERACTED"}))
            @Nullable @QueryValue final String exclusion,
            @Parameter(description = "the shop's current event time, as for /models/user/{userId}")
            @Nullable @Header(Forwarder.EVENT_TIME) final String eventTime,
            final HttpRequest<?> request) {
        final String name = models.canonical(model);
        final long user = Params.userId(userId);
        final int count = Params.count(n);
        final ListFilter filter = Params.filter(category, exclude, exclusion);
        final Long time = Params.eventTime(eventTime);
        return forwarder.answer(request, user, () -> ResponseJson.bytes(service.forModel(name, user, count, filter, time,
                RequestIds.of(request))));
    }
}
