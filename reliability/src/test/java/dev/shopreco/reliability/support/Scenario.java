package dev.shopreco.reliability.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import dev.shopreco.producer.ProducerCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** What the fault scenarios share: data sets, the replay, the end-of-input markers, API settings. */
public final class Scenario {

    /**
     * API settings every scenario uses: a short consumer session, so the group notices a SIGKILLed
     * member after 6 s instead of Kafka's 45 s (the broker's minimum is 6 s); nothing else differs
     * from the defaults.
     */
    public static final Map<String, String> API_ENV = Map.of(
            "STREAMS_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000",
            "STREAMS_KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1500");

    private Scenario() {
    }

    /** The project's default data set ({@code data/}), or the folder named by {@code -Dshop.data}. */
    public static Path defaultDataSet() {
        final Path dir = Path.of(System.getProperty("shop.data", System.getProperty("shop.data.default", "../data")));
        if (!Files.isRegularFile(dir.resolve("products.jsonl"))) {
            throw new IllegalStateException("No data set at " + dir.toAbsolutePath());
        }
        return dir;
    }

    /**
     * The data set of a cluster scenario: the default data set when {@code -Dshop.data} is given (the
     * full form), otherwise a generated one of {@code -Dreliability.cluster.users} users (default
     * {@code users}) written into {@code dir}.
     */
    public static Path clusterDataSet(final Path dir, final int users, final long seed) {
        return System.getProperty("shop.data") != null ? defaultDataSet()
                : generated(dir, intProperty("reliability.cluster.users", users), seed);
    }

    /** The non-blank lines of the data set's session file: what the replay sends to shop.sessions. */
    public static long sessionLines(final Path data) {
        try (java.io.BufferedReader reader = new dev.shopreco.common.io.DataFolder(data)
                .open(dev.shopreco.common.io.DataFolder.SESSIONS)) {
            return reader.lines().filter(l -> !l.isBlank()).count();
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A data set of the project's generator ({@code producer.jar generate}) written into {@code dir}. */
    public static Path generated(final Path dir, final int users, final long seed) {
        assertEquals(0, new CommandLine(new ProducerCli()).execute("generate", "--out", dir.toString(),
                "--users", Integer.toString(users), "--seed", Long.toString(seed)));
        return dir;
    }

    /**
     * The {@code --speed} at which a replay of {@code data} takes {@code duration} to send its first
     * {@code share} of session events (in event-time order, as the replay sends them).
     */
    public static double speedFor(final Path data, final double share, final Duration duration) {
        final long[] times;
        try (java.io.BufferedReader reader = new dev.shopreco.common.io.DataFolder(data)
                .open(dev.shopreco.common.io.DataFolder.SESSIONS)) {
            times = reader.lines().map(SessionEventParser.DEFAULT::parse)
                    .filter(parsed -> parsed instanceof Parsed.Valid<SessionEvent>)
                    .mapToLong(parsed -> ((Parsed.Valid<SessionEvent>) parsed).value().timestamp()
                            .toEpochSecond(ZoneOffset.UTC))
                    .sorted().toArray();
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        final long span = times[(int) ((times.length - 1) * share)] - times[0];
        return Math.max(1.0, (double) span / duration.toSeconds());
    }

    /**
     * Runs {@code producer.jar replay} of {@code data} in the background, with {@code options} added
     * (e.g. {@code --limit=N}); its exit code.
     */
    public static CompletableFuture<Integer> replay(final Path data, final String bootstrapServers,
            final String... options) {
        final List<String> args = new ArrayList<>(List.of("replay", "--data", data.toString(),
                "--bootstrap-servers", bootstrapServers, "--no-progress"));
        args.addAll(List.of(options));
        return CompletableFuture.supplyAsync(() -> new CommandLine(new ProducerCli()).execute(args.toArray(String[]::new)));
    }

    /**
     * The time of the end-of-input markers: now (UTC, to the second). Later than every event of the
     * data sets, so it closes every session, and not in the future, so the parser accepts it.
     */
    public static String markerTime() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /** A system property as an int. */
    public static int intProperty(final String name, final int fallback) {
        final String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
