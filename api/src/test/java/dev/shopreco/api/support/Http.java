package dev.shopreco.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A real HTTP client on one instance (the JDK's, so nothing of Micronaut's client is under test here). */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    Http(final URI base) {
        this.base = base;
    }

    /** A GET on {@code path} (with its query), with header name/value pairs. */
    public Response get(final String path, final String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
    }

    /** A POST of {@code json} (Content-Type application/json) on {@code path}, with header name/value pairs. */
    public Response post(final String path, final String json, final String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    /** Any method on {@code path}, no body, with header name/value pairs. */
    public Response request(final String method, final String path, final String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()),
                headers);
    }

    /** Any method on {@code path}, no body. */
    public Response method(final String method, final String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private Response send(final HttpRequest.Builder builder, final String... headers) {
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            final HttpResponse<String> response = CLIENT.send(builder.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer.
     *
     * @param status HTTP status
     * @param body   body text
     * @param raw    the JDK's response, for headers
     */
    public record Response(int status, String body, HttpResponse<String> raw) {

        /** The body as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        /** A header's first value. */
        public Optional<String> header(final String name) {
            return raw.headers().firstValue(name);
        }
    }
}
