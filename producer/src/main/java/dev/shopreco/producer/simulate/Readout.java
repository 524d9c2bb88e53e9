package dev.shopreco.producer.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Reads {@code GET /experiments/{name}} once the API has counted the simulated lists, and formats it. */
public final class Readout {

    private Readout() {
    }

    /**
     * The read-out once it counts at least {@code lists} lists served (all served records attributed)
     * and has not changed for two seconds (the last clicks counted too), or the last one read when
     * {@code timeout} passes; null if none could be read.
     */
    public static JsonNode await(final URI api, final String experiment, final long lists, final Duration timeout) {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final HttpRequest request = HttpRequest.newBuilder(api.resolve("/experiments/"
                + URLEncoder.encode(experiment, StandardCharsets.UTF_8).replace("+", "%20")))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build();
        final long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        long stableSince = 0;
        while (true) {
            try {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    final JsonNode read = Json.mapper().readTree(response.body());
                    if (!read.equals(last)) {
                        stableSince = System.nanoTime();
                    }
                    last = read;
                    if (listsServed(last) >= lists && System.nanoTime() - stableSince > 2_000_000_000L) {
                        return last;
                    }
                }
            } catch (final IOException e) {
                // the API may be busy; try again until the deadline
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            try {
                Thread.sleep(500);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }

    /** Lists served over all variants of a read-out. */
    public static long listsServed(final JsonNode readout) {
        long total = 0;
        for (final JsonNode variant : readout.path("variants")) {
            total += variant.path("lists_served").asLong();
        }
        return total;
    }

    /** The read-out as a table: per variant, then the comparisons and the SRM check. */
    public static String format(final JsonNode readout) {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Experiment %s (rule %s, window %.0f h)%n",
                readout.path("experiment").asText(), readout.path("rule").asText(),
                readout.path("window_hours").asDouble()));
        out.append(String.format(Locale.ROOT, "  %-14s %7s %8s %8s %8s  %-26s %-26s%n", "variant", "users", "lists",
                "clicked", "bought", "click-through [95% CI]", "conversion [95% CI]"));
        for (final JsonNode v : readout.path("variants")) {
            out.append(String.format(Locale.ROOT, "  %-14s %,7d %,8d %,8d %,8d  %-26s %-26s%n",
                    v.path("variant").asText(), v.path("users_exposed").asLong(), v.path("lists_served").asLong(),
                    v.path("lists_clicked").asLong(), v.path("lists_converted").asLong(),
                    rate(v.path("click_through")), rate(v.path("conversion"))));
        }
        for (final JsonNode c : readout.path("comparisons")) {
            out.append(String.format(Locale.ROOT, "  %s - %s: click-through %+.4f (p = %.3g), conversion %+.4f (p = %.3g)%n",
                    c.path("a").asText(), c.path("b").asText(),
                    c.path("click_through").path("difference").asDouble(),
                    c.path("click_through").path("p_value").asDouble(),
                    c.path("conversion").path("difference").asDouble(),
                    c.path("conversion").path("p_value").asDouble()));
        }
        final JsonNode srm = readout.path("sample_ratio");
        if (srm.isObject()) {
            out.append(String.format(Locale.ROOT, "  sample ratio: chi2 = %.3f, df %d, p = %.3g%s%n",
                    srm.path("chi_squared").asDouble(), srm.path("degrees_of_freedom").asInt(),
                    srm.path("p_value").asDouble(), srm.path("mismatch").asBoolean() ? "  MISMATCH" : "  ok"));
        } else {
            out.append("  sample ratio: not checked (the rule has no weights)\n");
        }
        return out.toString();
    }

    private static String rate(final JsonNode p) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", p.path("rate").asDouble(), p.path("low").asDouble(),
                p.path("high").asDouble());
    }
}
