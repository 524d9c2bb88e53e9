package dev.shopreco.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InMemoryState;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The served state against the batch reference of the same data, through HTTP as a client sees it:
 * each user's products, s(u,p), raw sums and purchased flags ({@code GET /users/{id}/profile}) and
 * the popularity list ({@code GET /products/popular}). Requests go to the instances in turn, so
 * with several instances most are relayed to the user's owner. Values compare to a relative 1e-9.
 */
final class ReferenceCheck {

    /** Relative tolerance of a double (summation order differs between the topology and the reference). */
    static final double TOLERANCE = 1e-9;
    private static final int MAX_REPORTED = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was compared and what differed (the first few). */
    record Result(int users, long pairs, int popular, int usersDiffering, List<String> firstDifferences) {

        boolean holds() {
            return usersDiffering == 0 && firstDifferences.isEmpty();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> baseUrls;

    ReferenceCheck(final List<String> baseUrls) {
        this.baseUrls = List.copyOf(baseUrls);
    }

    Result compare(final ReferenceResult reference, final PrintStream out) throws IOException, InterruptedException {
        final InMemoryState expected = reference.state();
        final List<String> differences = new ArrayList<>();
        final List<Long> users = expected.users();
        int differing = 0;
        long pairs = 0;
        for (int u = 0; u < users.size(); u++) {
            final long user = users.get(u);
            final JsonNode profile = get(baseUrls.get(u % baseUrls.size()), "/users/" + user + "/profile");
            final String difference = userDifference(user, expected.interactions(user), profile.get("interactions"));
            pairs += expected.interactions(user).size();
            if (difference != null) {
                differing++;
                if (differences.size() < MAX_REPORTED) {
                    differences.add(difference);
                }
            }
            if ((u + 1) % 20_000 == 0) {
                out.printf(Locale.ROOT, "  reference: %,d of %,d users compared%n", u + 1, users.size());
            }
        }
        final List<ScoredProduct> top = expected.topPopular();
        final int n = Math.min(100, top.size());
        final JsonNode popular = get(baseUrls.get(0), "/products/popular?n=" + n);
        final JsonNode list = popular.isArray() ? popular : popular.get("products");
        if (list.size() != n) {
            differences.add("the popularity list has " + list.size() + " entries, the reference " + n);
        } else {
            for (int i = 0; i < n; i++) {
                final double got = list.get(i).get("popularity").asDouble();
                if (!close(top.get(i).score(), got)
                        || !close(expected.popularity(list.get(i).get("product_id").asLong()), got)) {
                    differences.add("popularity at " + i + ": " + list.get(i) + ", the reference " + top.get(i));
                    break;
                }
            }
        }
        return new Result(users.size(), pairs, n, differing, differences);
    }

    /** What differs for a user, or null. */
    static String userDifference(final long user, final List<UserInteraction> want, final JsonNode got) {
        if (got == null || got.size() != want.size()) {
            return "user " + user + ": " + (got == null ? "no" : got.size()) + " products served, the reference "
                    + want.size();
        }
        for (int i = 0; i < want.size(); i++) {
            final UserInteraction w = want.get(i);
            final JsonNode g = got.get(i);
            if (g.get("product_id").asLong() != w.productId() || !close(w.strength(), g.get("strength").asDouble())
                    || !close(w.strengthSum(), g.get("strength_sum").asDouble())
                    || w.purchased() != g.get("purchased").asBoolean()) {
                return "user " + user + " at " + i + ": served " + g + ", the reference " + w;
            }
        }
        return null;
    }

    static boolean close(final double expected, final double actual) {
        final double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return Math.abs(expected - actual) <= TOLERANCE * Math.max(scale, 1e-300);
    }

    /** The JSON of a 200 answer; retried on 503 (a rebalance) for up to two minutes. */
    private JsonNode get(final String baseUrl, final String path) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new IllegalStateException("GET " + baseUrl + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            Thread.sleep(200);
        }
    }
}
