package dev.shopreco.api.http;

import dev.shopreco.api.events.AcceptedResponse;
import dev.shopreco.api.events.EventBatch;
import dev.shopreco.api.events.EventSettings;
import dev.shopreco.api.events.EventWriter;
import dev.shopreco.api.events.IdempotencyKeys;
import dev.shopreco.api.events.TooManyEventsException;
import dev.shopreco.api.streams.KeyOwners;
import dev.shopreco.api.streams.StreamsHostSettings;
import dev.shopreco.common.Names;
import dev.shopreco.common.validation.SessionEventParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Session events over HTTP, validated as the replay validates them, written to {@code shop.sessions}. */
@Controller
@Tag(name = "events")
public class EventsController {

    /** The header naming a request whose retries must not be written twice. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on the answer to a retry whose events an earlier request with the same key wrote. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger LOG = LoggerFactory.getLogger(EventsController.class);

    private final SessionEventParser parser;
    private final EventSettings settings;
    private final EventWriter writer;
    private final IdempotencyKeys keys;
    private final Problems problems;
    private final KeyOwners owners;
    private final Forwarder forwarder;

    public EventsController(final StreamsHostSettings host, final EventSettings settings, final EventWriter writer,
            final IdempotencyKeys keys, final Problems problems, final KeyOwners owners, final Forwarder forwarder) {
        this.parser = new SessionEventParser(host.topology().eventTimeMaxAhead());
        this.settings = settings;
        this.writer = writer;
        this.keys = keys;
        this.problems = problems;
        this.owners = owners;
        this.forwarder = forwarder;
    }

    @Post(uri = "/events", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Session events, one JSON object or an array of them, in the data's schema",
            description = "Each event is validated by the replay's parser. All valid: they are written to "
                    + "shop.sessions (acks=all) and the answer is 202 once Kafka has them. Any refused: 400 naming "
                    + "each refused event's index and reason code (those of shop.sessions.rejected), and nothing "
                    + "of the request is written.")
    @ApiResponse(responseCode = "202", description = "Every event written",
            content = @Content(schema = @Schema(implementation = AcceptedResponse.class)))
    @ApiResponse(responseCode = "400", description = "Refused events (errors: index, reason, detail); nothing written")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge the events in time")
    public CompletableFuture<MutableHttpResponse<?>> post(
            @Body final String body,
            @Parameter(description = "a key the client chooses per batch (1 to 255 visible ASCII characters); a "
                    + "retry with the same key and body is not written again while the key is remembered "
                    + "(EVENTS_IDEMPOTENCY_TTL), whichever instance it reaches: a key is remembered by the "
                    + "instance that owns it (its hash picks a partition), and the others relay such requests there")
            @Nullable @Header(IDEMPOTENCY_KEY) final String key,
            final HttpRequest<?> request) {
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new BadRequestException(IDEMPOTENCY_KEY + " must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters");
        }
        if (key == null) {
            return write(request, body, null);
        }
        // the instance owning the key remembers it: a retry through any instance is checked there
        return forwarder.handleAt(request, owners.ownerOfKey(Names.STORE_USER_INTERACTIONS, key),
                IDEMPOTENCY_KEY + " " + key, body, () -> write(request, body, key));
    }

    private CompletableFuture<MutableHttpResponse<?>> write(final HttpRequest<?> request, final String body,
            final String key) {
        final EventBatch batch;
        try {
            batch = EventBatch.read(body, parser, settings.maxBatch());
        } catch (final TooManyEventsException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (!batch.refused().isEmpty()) {
            return CompletableFuture.completedFuture(refused(request, batch));
        }
        final IdempotencyKeys.Outcome outcome;
        try {
            outcome = keys.write(key, body, () -> writer.write(batch.events()));
        } catch (final IdempotencyKeys.KeyReusedException e) {
            return CompletableFuture.completedFuture(problems.response(request, HttpStatus.UNPROCESSABLE_ENTITY,
                    e.getMessage()));
        }
        return outcome.accepted().handle((accepted, error) -> {
            if (error != null) {
                final Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                LOG.warn("POST /events: Kafka did not acknowledge {} events (request {}): {}", batch.events().size(),
                        RequestIds.of(request), cause.toString());
                return problems.unavailable(request, "Kafka did not acknowledge the events: " + cause);
            }
            final MutableHttpResponse<?> response = HttpResponse.accepted().body(new AcceptedResponse(accepted));
            return outcome.replayed() ? response.header(REPLAYED, "true") : response;
        });
    }

    private MutableHttpResponse<?> refused(final HttpRequest<?> request, final EventBatch batch) {
        final var errors = batch.refused().stream().map(r -> new ProblemBody.EventProblem(r.index(), r.reason().name(),
                r.detail())).toList();
        final String detail = errors.size() + " of " + (batch.events().size() + errors.size())
                + " events refused; nothing was written";
        return problems.response(request, Problems.problem(request, HttpStatus.BAD_REQUEST, detail, null,
                Map.of(Problems.ERRORS, errors)));
    }
}
