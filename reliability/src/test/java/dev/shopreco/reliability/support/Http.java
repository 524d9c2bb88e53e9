package dev.shopreco.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The JDK's HTTP client on one API instance; a refused connection is an answer too (status -1). */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String base;

    public Http(final String base) {
        this.base = base;
    }

    /** A GET; status -1 when nothing listens or the connection broke. */
    public Response get(final String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    /** Any request the builder describes, relative to this instance. */
    public Response send(final HttpRequest.Builder builder) {
        try {
            final HttpResponse<String> response = CLIENT.send(builder.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (final IOException e) {
            return new Response(-1, e.toString(), null);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of a GET, -1 if nothing answered. */
    public int status(final String pathAndQuery) {
        return get(pathAndQuery).status();
    }

    /** A request builder for {@code pathAndQuery} on this instance. */
    public HttpRequest.Builder request(final String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    }

    public String base() {
        return base;
    }

    /**
     * An answer.
     *
     * @param status HTTP status, -1 when the connection failed
     * @param body   body text (the exception's text when the connection failed)
     * @param raw    the JDK's response (null when the connection failed)
     */
    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public Optional<String> header(final String name) {
            return raw == null ? Optional.empty() : raw.headers().firstValue(name);
        }
    }
}
