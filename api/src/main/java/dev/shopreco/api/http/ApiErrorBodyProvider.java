package dev.shopreco.api.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Gives Micronaut's own errors (no such route, method not allowed, ...) the same {@link ApiError}
 * body as the API's, so a client parses one error format.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {

    @Override
    public ApiError body(final ErrorContext context, final HttpResponse<?> response) {
        final HttpStatus status = response.getStatus();
        final String message = context.getErrors().stream().map(Error::getMessage).findFirst()
                .orElse(status.getReason());
        return new ApiError(status.getCode(), status.getReason(), message, context.getRequest().getPath());
    }
}
