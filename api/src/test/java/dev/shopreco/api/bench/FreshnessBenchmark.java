package dev.shopreco.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopreco.common.Names;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Freshness benchmark (not a test): how long from producing an event to seeing its effect in the
 * user's served list. Each trial asks a user's list, sends a purchase of the list's first product to
 * {@code shop.sessions}, and polls {@code GET /models/user/{id}} until that product is gone (bought
 * products are excluded, {@code RECO_EXCLUSION=PURCHASED}, the default). Prints p50 / p90 / p99 / max.
 *
 * <pre>
 * java -cp api/target/test-classes:api/target/api.jar dev.shopreco.api.bench.FreshnessBenchmark \
 *     http://127.0.0.1:8080 127.0.0.1:9092 [trials=200] [first user=101] [last user=1100]
 * </pre>
 * It buys products for real: run it against a scratch broker.
 */
public final class FreshnessBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private FreshnessBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final URI api = URI.create(args[0]);
        final String bootstrap = args[1];
        final int trials = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        final long firstUser = args.length > 3 ? Long.parseLong(args[3]) : 101;
        final long lastUser = args.length > 4 ? Long.parseLong(args[4]) : 1100;
        final Random random = new Random(42);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        final List<Double> millis = new ArrayList<>();
        LocalDateTime eventTime = LocalDateTime.now().withNano(0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int trial = -5; trial < trials; trial++) { // five warm-up trials, not counted
                final long user = firstUser + random.nextInt((int) (lastUser - firstUser + 1));
                final List<Long> before = products(api, user);
                if (before.isEmpty()) {
                    continue;
                }
                final long product = before.get(0);
                final long session = 9_000_000_000L + random.nextInt(1_000_000_000);
                eventTime = eventTime.plusSeconds(1);
                final String line = String.format("{\"session_id\": %d, \"timestamp\": \"%s\", \"user_id\": %d, "
                        + "\"product_id\": %d, \"event_type\": \"BUY_PRODUCT\", \"offered_discount\": 0, "
                        + "\"purchase_id\": %d}", session, eventTime, user, product, session);
                final long start = System.nanoTime();
                producer.send(new ProducerRecord<>(Names.TOPIC_SESSIONS, Long.toString(session), line));
                producer.flush();
                while (products(api, user).contains(product)) {
                    if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                        throw new IllegalStateException("User " + user + " still offered " + product + " after " + GIVE_UP);
                    }
                    Thread.sleep(2);
                }
                if (trial >= 0) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        Collections.sort(millis);
        System.out.printf("freshness over %d events: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                millis.size(), percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
                millis.get(millis.size() - 1));
    }

    private static List<Long> products(final URI api, final long user) throws IOException, InterruptedException {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve("/models/user/" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        final List<Long> ids = new ArrayList<>();
        if (response.statusCode() == 200) {
            final JsonNode body = JSON.readTree(response.body());
            body.get("products").forEach(p -> ids.add(p.asLong()));
        }
        return ids;
    }

    private static double percentile(final List<Double> sorted, final int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
