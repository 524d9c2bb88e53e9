package dev.shopreco.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import org.zalando.problem.ThrowableProblem;

/**
 * The one error body of the API, RFC 9457 {@code application/problem+json}: the five standard
 * members plus {@code request_id}, and {@code errors} on a refused batch of events.
 *
 * @param type      {@code about:blank} (the status says it all) or a {@code tag:} URI naming a kind of problem
 * @param title     the status's reason phrase
 * @param status    the HTTP status
 * @param detail    what went wrong, for a person; never a stack trace
 * @param instance  the request path
 * @param requestId the request's {@code X-Request-ID}
 * @param errors    a refused batch of events: each refused event's index and reason; absent otherwise
 */
@Serdeable
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "request_id", "errors"})
@Schema(name = "Problem", description = "An error, RFC 9457 application/problem+json")
public record ProblemBody(
        @Schema(example = "about:blank") String type,
        @Schema(example = "Bad Request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "n must be an integer from 1 to 100, got '0'") String detail,
        @Schema(example = "/models/user/101") String instance,
        @JsonProperty("request_id") @Schema(example = "3f09c1d2a4b5e6f7") String requestId,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "POST /events: the refused events (nothing of the batch was written)")
        List<EventProblem> errors) {

    /** Where the type is not named: the status says it all. */
    public static final String ABOUT_BLANK = "about:blank";

    /**
     * One refused event of a batch.
     *
     * @param index  its position in the batch, from 0
     * @param reason the code {@code shop.sessions.rejected} uses for the same refusal ({@code RejectReason})
     * @param detail what is wrong with it
     */
    @Serdeable
    @Schema(name = "EventProblem")
    public record EventProblem(@Schema(example = "3") int index, @Schema(example = "UNKNOWN_EVENT_TYPE") String reason,
            @Schema(example = "event_type 'CLICK' is not one of VIEW_PRODUCT, BUY_PRODUCT") String detail) {
    }

    /** The body of {@code problem} (its {@code request_id} and {@code errors} parameters included). */
    @SuppressWarnings("unchecked")
    static ProblemBody of(final ThrowableProblem problem) {
        final URI type = problem.getType();
        final URI instance = problem.getInstance();
        final Object requestId = problem.getParameters().get(Problems.REQUEST_ID);
        final Object errors = problem.getParameters().get(Problems.ERRORS);
        return new ProblemBody(type == null ? ABOUT_BLANK : type.toString(), problem.getTitle(),
                problem.getStatus() == null ? 500 : problem.getStatus().getStatusCode(), problem.getDetail(),
                instance == null ? null : instance.toString(), requestId == null ? null : requestId.toString(),
                errors instanceof List<?> list ? (List<EventProblem>) list : null);
    }
}
