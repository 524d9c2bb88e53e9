package dev.shopreco.api.http;

import dev.shopreco.api.reco.BatchRequest;
import dev.shopreco.api.reco.BatchResponse;
import dev.shopreco.api.reco.ListFilter;
import dev.shopreco.api.reco.Models;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Lists for several users in one request, each computed by the instance owning the user. */
@Controller
@Tag(name = "recommendations")
public class BatchController {

    /** The most users one request may name. */
    static final int MAX_USERS = 100;

    private final BatchRecommendations batch;
    private final Models models;

    public BatchController(final BatchRecommendations batch, final Models models) {
        this.batch = batch;
        this.models = models;
    }

    @Post(uri = "/recommendations", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Lists for up to 100 users",
            description = "The users are grouped by the instance owning their state and each other owner gets one "
                    + "request. Each result has status 200 and the list (as GET /models/user/{userId} answers it, the "
                    + "experiment's model unless model is given), or 503 and why (state moving, owner unreachable): "
                    + "one user's 503 does not fail the others. Every list goes to reco.served.")
    @ApiResponse(responseCode = "200", description = "One result per user, in the order asked",
            content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @ApiResponse(responseCode = "400", description = "No users, more than 100, a user twice, a bad n, model or filter")
    public CompletableFuture<BatchResponse> recommendations(
            @Body final BatchRequest body,
            @Parameter(description = "the shop's current event time, as for /models/user/{userId}")
            @Nullable @Header(Forwarder.EVENT_TIME) final String eventTime,
            final HttpRequest<?> request) {
        final List<Long> users = body.userIds();
        if (users == null || users.isEmpty() || users.size() > MAX_USERS) {
            throw new BadRequestException("user_ids must name 1 to " + MAX_USERS + " users");
        }
        final Set<Long> seen = new HashSet<>();
        for (final Long user : users) {
            if (user == null || user < 0) {
                throw new BadRequestException("user_ids: a user id must be a non-negative integer, got " + user);
            }
            if (!seen.add(user)) {
                throw new BadRequestException("user_ids: user " + user + " is named twice");
            }
        }
        final int n = Params.count(body.n() == null ? null : body.n().toString());
        final String model = Params.model(body.model(), models.names(), null);
        final ListFilter filter = Params.filter(body.category(),
                body.exclude() == null ? null : body.exclude().stream().map(String::valueOf).toList(), body.exclusion());
        final BatchRecommendations.Checked checked = new BatchRecommendations.Checked(List.copyOf(users), n, model,
                filter, Params.eventTime(eventTime), RequestIds.of(request), body);
        return batch.answer(checked, request.getHeaders().contains(Forwarder.FORWARDED_BY));
    }
}
