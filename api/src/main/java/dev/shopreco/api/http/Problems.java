package dev.shopreco.api.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.problem.HttpStatusType;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import org.zalando.problem.Problem;
import org.zalando.problem.ProblemBuilder;
import org.zalando.problem.ThrowableProblem;

/**
 * Every error answer of the API: an RFC 9457 {@code application/problem+json} body ({@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, plus {@code request_id}) written by
 * Micronaut's problem-json module, which renders Micronaut's own errors (no such route, wrong method)
 * the same way ({@link ProblemJson}). {@code type} is {@code about:blank} where the status says it all.
 */
@Singleton
public class Problems {

    /** The problem parameter holding the request id. */
    static final String REQUEST_ID = "request_id";
    /** The problem parameter holding a refused batch's {@link ProblemBody.EventProblem}s. */
    static final String ERRORS = "errors";

    /** Seconds a client should wait before retrying a 503 (stores rebalancing or restoring). */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final ErrorResponseProcessor<?> processor;

    public Problems(final ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    /** An answer with status {@code status} and {@code detail}. */
    public MutableHttpResponse<?> response(final HttpRequest<?> request, final HttpStatus status, final String detail) {
        return response(request, problem(request, status, detail, null, Map.of()));
    }

    /** An answer carrying {@code problem}. */
    public MutableHttpResponse<?> response(final HttpRequest<?> request, final ThrowableProblem problem) {
        final HttpStatus status = HttpStatus.valueOf(problem.getStatus() == null ? 500 : problem.getStatus().getStatusCode());
        return processor.processResponse(ErrorContext.builder(request).cause(problem).build(), HttpResponse.status(status));
    }

    /** A 503 with {@code Retry-After}: the state is moving, the same request will succeed shortly. */
    public MutableHttpResponse<?> unavailable(final HttpRequest<?> request, final String detail) {
        return response(request, HttpStatus.SERVICE_UNAVAILABLE, detail)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }

    /**
     * The problem for {@code request}.
     *
     * @param type       null for {@code about:blank}
     * @param extensions further members, e.g. {@code errors}
     */
    public static ThrowableProblem problem(final HttpRequest<?> request, final HttpStatus status, final String detail,
            final URI type, final Map<String, Object> extensions) {
        final ProblemBuilder builder = Problem.builder()
                .withTitle(status.getReason())
                .withStatus(new HttpStatusType(status))
                .withDetail(detail)
                .withInstance(instance(request))
                .with(REQUEST_ID, RequestIds.of(request));
        if (type != null) {
            builder.withType(type);
        }
        extensions.forEach(builder::with);
        return builder.build();
    }

    /** The request path as a URI reference, or null if it is not one. */
    static URI instance(final HttpRequest<?> request) {
        try {
            return URI.create(request.getUri().getRawPath());
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }
}
