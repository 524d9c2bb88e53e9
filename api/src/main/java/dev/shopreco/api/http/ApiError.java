package dev.shopreco.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The one error body of the API, for every 4xx and 5xx (ours and Micronaut's own).
 *
 * @param status  the HTTP status code
 * @param error   the status's reason phrase
 * @param message what went wrong, for a person; never a stack trace
 * @param path    the request path
 */
@Serdeable
@Schema(description = "An error")
public record ApiError(int status, String error, String message, String path) {

    /** Seconds a client should wait before retrying a 503 (stores rebalancing or restoring). */
    public static final int RETRY_AFTER_SECONDS = 1;

    /** The body for {@code status}. */
    public static ApiError of(final HttpStatus status, final String message, final String path) {
        return new ApiError(status.getCode(), status.getReason(), message, path);
    }

    /** A response with this body. */
    public static MutableHttpResponse<ApiError> response(final HttpStatus status, final String message,
            final HttpRequest<?> request) {
        return HttpResponse.<ApiError>status(status).body(of(status, message, request.getPath()));
    }

    /** A 503 with {@code Retry-After}: the state is moving, the same request will succeed shortly. */
    public static MutableHttpResponse<ApiError> unavailable(final String message, final HttpRequest<?> request) {
        return response(HttpStatus.SERVICE_UNAVAILABLE, message, request)
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
