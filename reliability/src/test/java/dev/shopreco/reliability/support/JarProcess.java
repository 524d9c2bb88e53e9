package dev.shopreco.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the project's runnable jars ({@code producer.jar}, {@code streams-runner.jar},
 * {@code evaluator.jar}) run as an operator runs it: {@code java -jar}, configured by its arguments
 * and the environment, its output in a file.
 */
public final class JarProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private JarProcess(final Process process, final Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code jar} (a system property naming its path, set by the pom) with {@code env} added. */
    public static JarProcess start(final String jarProperty, final Map<String, String> env, final Path output,
            final String... args) {
        final Path jar = Path.of(System.getProperty(jarProperty, ""));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the jars first (mvn -B -pl reliability -am verify): " + jarProperty
                    + " = " + jar);
        }
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(output.getParent());
            return new JarProcess(builder.start(), output);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit code, or null if it still runs after {@code timeout}. */
    public Integer waitFor(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGTERM (the graceful stop), then its exit code; null if it did not stop within {@code timeout}. */
    public Integer stop(final Duration timeout) {
        process.destroy();
        return waitFor(timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (final IOException e) {
            return "(no output: " + e + ")";
        }
    }

    public Path outputFile() {
        return output;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }
}
