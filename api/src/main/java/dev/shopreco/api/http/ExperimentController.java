package dev.shopreco.api.http;

import dev.shopreco.api.experiment.ExperimentService;
import dev.shopreco.api.streams.KeyOwners;
import dev.shopreco.streams.experiment.ExperimentReadout;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

/** The live A/B read-out; answered by the instance that owns the experiment's counts. */
@Controller
@Tag(name = "experiments")
public class ExperimentController {

    private static final int MAX_NAME_LENGTH = 200;

    private final ExperimentService service;
    private final KeyOwners owners;
    private final Forwarder forwarder;

    public ExperimentController(final ExperimentService service, final KeyOwners owners, final Forwarder forwarder) {
        this.service = service;
        this.owners = owners;
        this.forwarder = forwarder;
    }

    @Get(uri = "/experiments/{name}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "An experiment's read-out: per variant users, lists, click-through and conversion with "
            + "95% Wilson intervals; pairwise two-proportion tests; the sample-ratio-mismatch check")
    @ApiResponse(responseCode = "200", description = "The read-out",
            content = @Content(schema = @Schema(implementation = ExperimentReadout.class)))
    @ApiResponse(responseCode = "404", description = "No list was served in that experiment and it is not running",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(responseCode = "503", description = "State not queryable yet; retry after Retry-After seconds",
            content = @Content(schema = @Schema(implementation = ProblemBody.class)))
    public CompletableFuture<MutableHttpResponse<?>> experiment(
            @Parameter(description = "the experiment's name (EXPERIMENT_NAME)") @PathVariable final String name,
            final HttpRequest<?> request) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new BadRequestException("The experiment name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return forwarder.answerAt(request, owners.ownerOfExperiment(name), "experiment " + name,
                () -> service.readoutJson(name));
    }
}
