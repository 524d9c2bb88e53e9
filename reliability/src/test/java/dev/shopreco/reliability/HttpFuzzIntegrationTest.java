package dev.shopreco.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.reliability.support.ApiProcess;
import dev.shopreco.reliability.support.Http;
import dev.shopreco.reliability.support.Scenario;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * HTTP fuzz: {@code -Dreliability.fuzz.requests} (default 3,000) requests from a seeded generator
 * ({@code -Dreliability.seed}) over the paths, path parameters, query parameters, methods and headers
 * of every endpoint, against a real API process holding real state. Every answer must be a 2xx, a 4xx,
 * or a 503 with {@code Retry-After}; never a 500, never a stack trace in a body.
 */
class HttpFuzzIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final Pattern STACK_TRACE = Pattern.compile(
            "(Exception|Error)\\b.*\\n?\\s*at [a-z]|\\bat (io\\.micronaut|org\\.apache|java\\.|dev\\.shopreco)\\.|Caused by:|"
                    + "java\\.lang\\.|NullPointerException|\\.java:\\d+\\)");

    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
        "OPTIONS", "TRACE", "FOO"};
    private static final String[] IDS = {"101", "551", "1100", "1", "0", "-1", "-0", "00101", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "99999999999999999999999999", "1.5", "1e3", "0x65", "abc", "",
        " ", "101 ", "\u0000", "ł", "\uD83D\uDE00", "101;drop table", "../101", "..", ".", "%", "%zz", "NaN",
        "Infinity", "null", "true", "[101]", "{\"id\":101}", "1".repeat(300), "\u202e101", "101\n", "<script>"};
    private static final String[] MODELS = {"POPULARITY", "popularity", "CONTENT_BASE", "content-base", "Content_Base",
        "RANDOM", "random", "", "UNKNOWN", "EASE", "POPULARITY ", "\u0000", "ÜBER", "x".repeat(500), "..", "%2F",
        "POPULARITY;RANDOM", "null"};
    private static final String[] COUNTS = {"1", "10", "100", "101", "0", "-1", "abc", "1e2", "", "2.5",
        "99999999999999999999", "\u0000", "10 ", " 10", "0x10", "NaN", "+5", "١٠"};
    private static final String[] HEADERS = {"Accept", "Accept-Language", "Accept-Encoding", "Content-Type",
        "X-Shopreco-Forwarded-By", "X-Forwarded-For", "Authorization", "Cookie", "If-None-Match", "Range", "Origin",
        "User-Agent", "X-Request-Id"};
    private static final String[] HEADER_VALUES = {"*/*", "application/json", "application/xml", "text/html",
        "garbage/garbage", "application/json;q=0", "", "127.0.0.1:1", "api-1:8080", "bytes=0-1", "bytes=-1",
        "\u00e9t\u00e9", "x".repeat(4000), "gzip, deflate, br", "en;q=0.1, *;q=0", "Bearer x", "a=b; c=d",
        "text/plain; charset=ebcdic"};

    @Test
    void shouldAnswerEveryFuzzedRequestWith2xx4xxOr503(@TempDir final Path tmp) {
        final int requests = Scenario.intProperty("reliability.fuzz.requests", 3000);
        final long seed = Scenario.intProperty("reliability.seed", 7);
        final Path data = Scenario.generated(tmp.resolve("data"), 120, 41);
        try (ApiProcess api = ApiProcess.create("api", tmp.resolve("api"), KAFKA.bootstrapServers(), "reco-fuzz",
                Scenario.API_ENV)) {
            api.start().awaitHealthy(Duration.ofMinutes(3));
            assertEquals(0, new CommandLine(new dev.shopreco.producer.ProducerCli()).execute("replay", "--data",
                    data.toString(), "--bootstrap-servers", KAFKA.bootstrapServers(), "--no-progress"));
            final Random random = new Random(seed);
            final Map<String, Integer> byStatus = new TreeMap<>();
            final List<String> failures = new ArrayList<>();
            final long started = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                final HttpRequest.Builder request = request(api.http(), random);
                final HttpRequest built = request.copy().build();
                final Http.Response response = api.http().send(request);
                byStatus.merge(Integer.toString(response.status()), 1, Integer::sum);
                final String what = built.method() + " " + built.uri() + " " + built.headers().map()
                        + " -> " + response.status() + " " + abbreviate(response.body());
                final boolean statusOk = response.status() >= 200 && response.status() < 500 && response.status() != -1
                        || response.status() == 503 && response.header("Retry-After").isPresent();
                if (!statusOk || STACK_TRACE.matcher(response.body()).find()) {
                    failures.add(what);
                }
            }
            final long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            System.out.printf("HTTP fuzz: %d requests (seed %d) in %d s, by status %s, %d failures%n", requests, seed,
                    seconds, byStatus, failures.size());
            failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
            assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " bad answers; "
                    + api.describe() + "; its last errors:\n" + api.lastErrors());
            assertTrue(api.isAlive() && api.http().status("/health") == 200, "the API is still up and healthy");
        }
    }

    private static HttpRequest.Builder request(final Http http, final Random random) {
        final String path = path(random);
        final String query = query(random);
        final HttpRequest.Builder builder = http.request(path + query);
        final String method = METHODS[random.nextInt(METHODS.length)];
        final HttpRequest.BodyPublisher body = random.nextInt(4) == 0
                ? HttpRequest.BodyPublishers.ofByteArray(bytes(random))
                : HttpRequest.BodyPublishers.noBody();
        builder.method(method, "GET".equals(method) || "HEAD".equals(method) ? HttpRequest.BodyPublishers.noBody() : body);
        for (int h = random.nextInt(4); h > 0; h--) {
            final String value = HEADER_VALUES[random.nextInt(HEADER_VALUES.length)];
            if (!value.isEmpty()) {
                builder.header(HEADERS[random.nextInt(HEADERS.length)], ascii(value));
            }
        }
        return builder;
    }

    private static String path(final Random random) {
        final String id = segment(IDS[random.nextInt(IDS.length)]);
        final String model = segment(MODELS[random.nextInt(MODELS.length)]);
        return switch (random.nextInt(14)) {
            case 0, 1, 2 -> "/models/user/" + id;
            case 3, 4 -> "/models/" + model + "/user/" + id;
            case 5, 6 -> "/users/" + id + "/profile";
            case 7 -> "/products/popular";
            case 8 -> random.nextBoolean() ? "/health" : "/health/readiness";
            case 9 -> random.nextBoolean() ? "/prometheus" : "/swagger/shop-reco-api-0.1.yml";
            case 10 -> "/bench/fixed";
            case 11 -> "/models/user/" + id + "/" + model;
            case 12 -> "/" + segment(MODELS[random.nextInt(MODELS.length)]) + "/" + id;
            default -> List.of("/", "//models//user//101", "/models/user/", "/models//user/101", "/users//profile",
                    "/%2e%2e/%2e%2e/etc/passwd", "/models/user/101/../../health", "/swagger/../application.yml",
                    "/products/popular/", "/PRODUCTS/POPULAR", "/models/user/101%00", "/models/user/%C3%28")
                    .get(random.nextInt(12));
        };
    }

    private static String query(final Random random) {
        final StringBuilder q = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            q.append(q.length() == 0 ? "?" : "&");
            switch (random.nextInt(5)) {
                case 0, 1, 2 -> q.append("n=").append(segment(COUNTS[random.nextInt(COUNTS.length)]));
                case 3 -> q.append(segment(MODELS[random.nextInt(MODELS.length)])).append('=')
                        .append(segment(IDS[random.nextInt(IDS.length)]));
                default -> q.append(List.of("n", "n=", "=", "&&", "n=1&n=2", "n=%00", "n=%C3%28", "n[]=1").get(random.nextInt(8)));
            }
        }
        return q.toString();
    }

    /** A path segment or query value, percent-encoded so the client sends it (the server decodes it). */
    private static String segment(final String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String ascii(final String value) {
        final StringBuilder b = new StringBuilder();
        value.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.toString();
    }

    private static byte[] bytes(final Random random) {
        final byte[] b = new byte[random.nextInt(2048)];
        random.nextBytes(b);
        return b;
    }

    private static String abbreviate(final String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
