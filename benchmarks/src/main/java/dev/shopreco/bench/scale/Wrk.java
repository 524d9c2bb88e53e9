package dev.shopreco.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk with the API's load script ({@code api/bench/random-user.lua}): GET {@code PATH<random user id>} for a
 * fixed time, its {@code RESULT} line parsed.
 */
final class Wrk {

    /** What one wrk run measured. */
    record Result(double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms, double maxMs, long errors,
            long non2xx) {
    }

    private static final Pattern RESULT = Pattern.compile("RESULT rps=(\\d+) p50_ms=([\\d.]+) p90_ms=([\\d.]+) "
            + "p99_ms=([\\d.]+) max_ms=([\\d.]+) errors=(\\d+) non2xx=(\\d+)");

    private final Path script;
    private final long usersFrom;
    private final long usersTo;

    Wrk(final Path script, final long usersFrom, final long usersTo) {
        this.script = script;
        this.usersFrom = usersFrom;
        this.usersTo = usersTo;
    }

    /** Whether wrk can be run here. */
    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs wrk (1 thread) against {@code baseUrl + path + <user id>}. */
    Result run(final String baseUrl, final String path, final int connections, final int seconds)
            throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), baseUrl).redirectErrorStream(true);
        builder.environment().put("BENCH_PATH", path);
        builder.environment().put("USERS_FROM", Long.toString(usersFrom));
        builder.environment().put("USERS_TO", Long.toString(usersTo));
        builder.environment().remove("DELAY_MS");
        final Process wrk = builder.start();
        final List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        }
        final int exit = wrk.waitFor();
        for (final String line : output) {
            final Result result = parse(line);
            if (result != null) {
                return result;
            }
        }
        throw new IOException("wrk " + path + " exited with " + exit + " and no RESULT line: " + String.join(" | ", output));
    }

    /** The result in a line printed by the script's {@code done}, or null if the line is not one. */
    static Result parse(final String line) {
        final Matcher m = RESULT.matcher(line);
        if (!m.find()) {
            return null;
        }
        return new Result(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
    }
}
