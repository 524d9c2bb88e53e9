package dev.shopreco.api.http;

import dev.shopreco.api.config.AccessSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The optional API key ({@code API_KEY}, off when empty): the endpoints that expose a user's data
 * ({@code /users/{id}/profile}), the state and admin endpoints ({@code /state/**},
 * {@code /experiments/**}) and {@code POST /events} answer 401 without {@code X-API-Key: <key>}.
 * Recommendation lists, similar products, health, metrics and the OpenAPI document stay open. A
 * request relayed to the instance owning a user carries the client's key along.
 */
@ServerFilter(patterns = {"/users/**", "/state/**", "/experiments/**", "/events", "/events/**"})
public class ApiKeyFilter implements Ordered {

    /** The header carrying the key. */
    public static final String HEADER = "X-API-Key";

    private final byte[] key;
    private final Problems problems;

    public ApiKeyFilter(final AccessSettings settings, final Problems problems) {
        this.key = settings.apiKey() == null || settings.apiKey().isEmpty() ? null
                : settings.apiKey().getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    /** Null (go on) when the key is off or matches; a 401 problem otherwise. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> check(final HttpRequest<?> request) {
        if (key == null) {
            return null;
        }
        final String sent = request.getHeaders().get(HEADER);
        // compared in constant time: the answer's timing tells nothing about the key
        if (sent != null && MessageDigest.isEqual(key, sent.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return problems.response(request, HttpStatus.UNAUTHORIZED, sent == null
                        ? "This endpoint needs the API key in " + HEADER : "The " + HEADER + " is not the API key")
                .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
    }

    /** After the request id is assigned, before everything else. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
