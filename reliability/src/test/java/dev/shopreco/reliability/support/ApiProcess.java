package dev.shopreco.reliability.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One API instance as the operator runs it: {@code java -jar api/target/api.jar}, configured by
 * environment, in a child process. It keeps its port and state folder across restarts, so a
 * restart after {@link #kill()} is the same instance coming back.
 */
public final class ApiProcess implements AutoCloseable {

    private final String name;
    private final Path dir;
    private final Path logs;
    private final int port;
    private final Map<String, String> env;
    private final Http http;
    private Process process;
    private int starts;

    private ApiProcess(final String name, final Path dir, final Path logs, final int port,
            final Map<String, String> env) {
        this.name = name;
        this.dir = dir;
        this.logs = logs;
        this.port = port;
        this.env = env;
        this.http = new Http("http://127.0.0.1:" + port);
    }

    /**
     * An instance (not started yet) on {@code bootstrapServers} in application {@code appId}, with its
     * state under {@code dir}; {@code extra} variables on top. Its logs go to
     * {@code target/api-logs/<appId>/} ({@code -Dreliability.logs} to move them), where they outlive
     * the test's temporary folder: a failed run leaves the instance's own account behind.
     */
    public static ApiProcess create(final String name, final Path dir, final String bootstrapServers,
            final String appId, final Map<String, String> extra) {
        final int port = freePort();
        final Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("PORT", Integer.toString(port));
        env.put("STREAMS_APPLICATION_ID", appId);
        env.put("STREAMS_STATE_DIR", dir.resolve("state").toString());
        env.put("SERVED_LOG_LINGER", "1ms");
        env.putAll(extra);
        final Path logs = Path.of(System.getProperty("reliability.logs", "target/api-logs")).resolve(appId);
        return new ApiProcess(name, dir, logs, port, env);
    }

    /** The API's runnable jar (built by the api module's package phase). */
    public static Path jar() {
        final Path jar = Path.of(System.getProperty("api.jar", "../api/target/api.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the API jar first (mvn -B -pl reliability -am verify): " + jar);
        }
        return jar;
    }

    /** Starts the process (again, after a kill or stop), logging to {@code <dir>/<name>-<n>.log}. */
    public synchronized ApiProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        starts++;
        final ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString())
                .redirectErrorStream(true)
                .redirectOutput(log(starts).toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(dir);
            Files.createDirectories(logs);
            process = builder.start();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until {@code /health} answers 200 (Kafka Streams RUNNING, stores answer). */
    public ApiProcess awaitHealthy(final Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!isAlive()) {
                    throw new AssertionError(describe() + "; its last errors:\n" + lastErrors());
                }
                return http.status("/health") == 200;
            });
        } catch (final ConditionTimeoutException e) {
            throw new AssertionError(name + " not healthy within " + timeout + ", " + describe()
                    + "; /health says " + http.get("/health").body() + "; its last errors:\n" + lastErrors(), e);
        }
        return this;
    }

    /**
     * The last ERROR lines of the current log, with the three lines after each (a stack trace's
     * head); the last WARN lines instead when there is no ERROR.
     */
    public String lastErrors() {
        try {
            final List<String> lines = Files.readAllLines(log(starts));
            final List<String> errors = linesWith(lines, " ERROR ");
            final List<String> picked = errors.isEmpty() ? linesWith(lines, " WARN ") : errors;
            return String.join("\n", picked.subList(Math.max(0, picked.size() - 40), picked.size()));
        } catch (final IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static List<String> linesWith(final List<String> lines, final String level) {
        final List<String> picked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(level)) {
                picked.addAll(lines.subList(i, Math.min(lines.size(), i + 4)));
            }
        }
        return picked;
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group. */
    public synchronized void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM: the graceful path (Kafka Streams closes and leaves the group). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(60))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
                throw new AssertionError(name + " did not stop within 60 s of SIGTERM; see " + log(starts));
            }
        }
    }

    private boolean waitFor(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Http http() {
        return http;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** The log of the {@code n}-th start (1-based). */
    public Path log(final int n) {
        return logs.resolve(name + "-" + n + ".log");
    }

    /** "running", or how and when the process ended, with its log: for failure messages. */
    public synchronized String describe() {
        if (process == null) {
            return name + " not started";
        }
        return process.isAlive() ? name + " running (log " + log(starts) + ")"
                : name + " exited with " + process.exitValue() + " (log " + log(starts) + ")";
    }

    public int starts() {
        return starts;
    }

    /**
     * Asks the running process for a thread dump (SIGQUIT: the JVM writes it to its log and goes on),
     * for a scenario that is about to give up: it shows where the threads were.
     */
    public synchronized void dumpThreads() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).inheritIO().start()
                    .waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(1_000);
        } catch (final IOException e) {
            // no thread dump then; the log still has the rest
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
