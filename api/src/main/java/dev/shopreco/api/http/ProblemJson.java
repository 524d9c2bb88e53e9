package dev.shopreco.api.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.conf.ProblemConfiguration;
import jakarta.inject.Singleton;
import java.util.Map;
import org.zalando.problem.Problem;
import org.zalando.problem.ThrowableProblem;

/**
 * The problem-json module's error processor, which every error answer of the server goes through
 * (the API's own {@link ThrowableProblem}s from {@link Problems}, and Micronaut's: no such route,
 * wrong method, unreadable body). Two changes: Micronaut's errors get the API's members (the
 * status's reason as {@code title}, Micronaut's message as {@code detail}: it never carries
 * internals, a 500 is answered by the API's own handler; the path as {@code instance}; the request
 * id); and the body is the {@link ProblemBody} record, since the module's own rendering leaves out
 * a problem's extension members ({@code request_id}, {@code errors}).
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
public class ProblemJson extends ProblemErrorResponseProcessor {

    public ProblemJson(final ProblemConfiguration config) {
        super(config);
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(final ErrorContext context,
            final MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        final ThrowableProblem problem = context.getRootCause()
                .filter(ThrowableProblem.class::isInstance).map(ThrowableProblem.class::cast)
                .orElseGet(() -> defaultProblem(context, response.getStatus()));
        return (MutableHttpResponse<Problem>) (MutableHttpResponse<?>) response
                .contentType(APPLICATION_PROBLEM_JSON).body(ProblemBody.of(problem));
    }

    @Override
    protected ThrowableProblem defaultProblem(final ErrorContext context, final HttpStatus status) {
        final String detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        return Problems.problem(context.getRequest(), status, detail, null, Map.of());
    }
}
