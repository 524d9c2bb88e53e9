package dev.shopreco.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopreco.common.Names;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How long from producing an event to seeing its effect in the user's served list. Each trial asks a
 * random user's list ({@code GET /models/user/{id}}), sends a purchase of its first product to
 * {@code shop.sessions} (acks=all), and polls the list every 2 ms until that product is gone
 * (purchased products are left out, {@code RECO_EXCLUSION=PURCHASED}, the default). It buys products
 * for real: run it against a scratch broker.
 */
@Command(name = "freshness",
        description = "Event -> served list: buys the first product of random users' lists and polls until it is "
                + "gone; prints p50 / p90 / p99 / max. It writes purchases: use a scratch broker.")
public final class Freshness implements Callable<Integer> {

    /** A trial whose product is still offered after this long fails the run. */
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The measured delays, ms, ascending. */
    public record Result(double[] millis, int skipped) {

        public double percentile(final int p) {
            return millis[Math.max(0, Math.min(millis.length - 1, (int) Math.ceil(p / 100.0 * millis.length) - 1))];
        }

        public String summary() {
            return millis.length == 0 ? "no trial (every list asked was empty)"
                    : String.format(Locale.ROOT, "%d events: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%s",
                            millis.length, percentile(50), percentile(90), percentile(99), millis[millis.length - 1],
                            skipped == 0 ? "" : "; " + skipped + " users skipped (empty list)");
        }
    }

    @Parameters(index = "0", paramLabel = "API_URL", description = "The API, e.g. http://127.0.0.1:8080")
    URI api;

    @Parameters(index = "1", paramLabel = "BOOTSTRAP_SERVERS", description = "Its broker, HOST:PORT")
    String bootstrap;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "200", description = "Measured events. Default: 200")
    int trials;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "Start a trial at most this often (ISO-8601, e.g. PT1S), to spread the trials over a live "
                    + "phase. Default: PT0S (each as soon as the last ended)")
    Duration every;

    @Option(names = "--users", paramLabel = "FROM..TO", defaultValue = "101..1100",
            description = "The user ids drawn from. Default: 101..1100 (the default data set)")
    String users;

    @Override
    public Integer call() throws Exception {
        final String[] range = users.split("\\.\\.");
        if (range.length != 2 || trials < 1 || every.isNegative()) {
            throw new IllegalArgumentException("--users is FROM..TO, --trials at least 1 and --every not negative");
        }
        System.out.println("freshness over " + measure(api, bootstrap, trials, Long.parseLong(range[0].trim()),
                Long.parseLong(range[1].trim()), every, System.out).summary());
        return 0;
    }

    /**
     * Runs five warm-up trials, then {@code trials} measured ones, users drawn uniformly from
     * [{@code firstUser}, {@code lastUser}] (seed 42), a trial starting at most every {@code every} (zero:
     * each as soon as the last ended), so that the trials can sample the whole of a live phase, its
     * periodic work included; a progress line every 50 trials to {@code out}.
     *
     * @throws IllegalStateException if a product is still offered after {@link #GIVE_UP}
     */
    public static Result measure(final URI api, final String bootstrap, final int trials, final long firstUser,
            final long lastUser, final Duration every, final PrintStream out)
            throws IOException, InterruptedException, ExecutionException {
        final Random random = new Random(42);
        final HttpClient http = HttpClient.newHttpClient();
        final List<Double> millis = new ArrayList<>();
        int skipped = 0;
        LocalDateTime eventTime = LocalDateTime.now().withNano(0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
            long nextTrial = System.nanoTime();
            for (int trial = -5; trial < trials; trial++) {
                final long wait = nextTrial - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                nextTrial = System.nanoTime() + every.toNanos();
                final long user = firstUser + (long) (random.nextDouble() * (lastUser - firstUser + 1));
                final List<Long> before = products(http, api, user);
                if (before.isEmpty()) {
                    skipped++;
                    trial--;
                    if (skipped > 10 * (trials + 5)) {
                        break;
                    }
                    continue;
                }
                final long product = before.get(0);
                final long session = 9_000_000_000L + random.nextInt(1_000_000_000);
                eventTime = eventTime.plusSeconds(1);
                final String line = String.format(Locale.ROOT, "{\"session_id\": %d, \"timestamp\": \"%s\", "
                        + "\"user_id\": %d, \"product_id\": %d, \"event_type\": \"BUY_PRODUCT\", "
                        + "\"offered_discount\": 0, \"purchase_id\": %d}", session, eventTime, user, product, session);
                final long start = System.nanoTime();
                producer.send(new ProducerRecord<>(Names.TOPIC_SESSIONS, Long.toString(session), line)).get();
                while (products(http, api, user).contains(product)) {
                    if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                        throw new IllegalStateException("User " + user + " was still offered " + product + " "
                                + GIVE_UP.toSeconds() + " s after buying it");
                    }
                    Thread.sleep(2);
                }
                if (trial >= 0) {
                    millis.add((System.nanoTime() - start) / 1e6);
                    if (millis.size() % 50 == 0) {
                        out.printf(Locale.ROOT, "  freshness: %d of %d events measured%n", millis.size(), trials);
                    }
                }
            }
        }
        final double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Result(sorted, skipped);
    }

    private static List<Long> products(final HttpClient http, final URI api, final long user)
            throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/models/user/" + user))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        final List<Long> ids = new ArrayList<>();
        if (response.statusCode() == 200) {
            final JsonNode body = JSON.readTree(response.body());
            body.get("products").forEach(p -> ids.add(p.asLong()));
        }
        return ids;
    }
}
