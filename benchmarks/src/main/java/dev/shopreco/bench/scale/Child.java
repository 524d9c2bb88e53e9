package dev.shopreco.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the benchmark (the broker, the replay, an API instance): its output goes to a log
 * file (and, if asked, to this process's output with a prefix); its last lines are kept for an error
 * message. Stopped with SIGTERM, then killed if it does not stop in time.
 */
final class Child implements AutoCloseable {

    private static final int KEPT_LINES = 30;

    private final String name;
    private final Process process;
    private final Path log;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Thread pump;
    private volatile boolean stopping;

    private Child(final String name, final Process process, final Path log, final PrintStream echo) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pump = new Thread(() -> pump(echo), name + "-output");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Starts {@code command} with {@code environment} added, its output to {@code log} and, if not null, {@code echo}. */
    static Child start(final String name, final List<String> command, final Map<String, String> environment,
            final Path log, final PrintStream echo) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new Child(name, builder.start(), log, echo);
    }

    private void pump(final PrintStream echo) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
                if (echo != null) {
                    echo.println("  " + name + " | " + line);
                }
            }
        } catch (final IOException e) {
            // a process being stopped has its output closed under the reader: nothing more to keep
            if (!stopping) {
                System.err.println("Cannot keep the output of " + name + " in " + log + ": " + e);
            }
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end and its output to be written; its exit code. */
    int waitFor() throws InterruptedException {
        final int exit = process.waitFor();
        pump.join(5_000);
        return exit;
    }

    /** An error naming the process, its exit code if it ended, its log and its last lines. */
    IllegalStateException failure(final String what) {
        try {
            pump.join(2_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        final StringBuilder message = new StringBuilder(what);
        if (!process.isAlive()) {
            message.append(" (").append(name).append(" exited with ").append(process.exitValue()).append(')');
        }
        message.append("; its log: ").append(log.toAbsolutePath()).append(", last lines:");
        synchronized (lastLines) {
            lastLines.forEach(line -> message.append(System.lineSeparator()).append("    ").append(line));
        }
        return new IllegalStateException(message.toString());
    }

    /** SIGTERM, up to {@code graceSeconds} to stop, then SIGKILL. */
    void stop(final int graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        stopping = true;
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(30);
    }
}
