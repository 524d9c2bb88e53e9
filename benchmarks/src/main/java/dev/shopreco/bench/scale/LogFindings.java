package dev.shopreco.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What an API instance's log says about the run's health: heap exhaustion, stream threads lost and
 * replaced, rebalances. A run whose threads died measured recovery as much as processing.
 */
final class LogFindings {

    private LogFindings() {
    }

    /** One line: counts of OutOfMemoryError, stream threads replaced, and rebalances in {@code log}. */
    static String of(final Path log) {
        long outOfMemory = 0;
        long replaced = 0;
        long rebalances = 0;
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            for (final String line : (Iterable<String>) lines::iterator) {
                if (line.contains("OutOfMemoryError")) {
                    outOfMemory++;
                }
                if (line.contains("Replacing thread in the streams uncaught exception handler")) {
                    replaced++;
                }
                if (line.contains("State transition from RUNNING to REBALANCING")) {
                    rebalances++;
                }
            }
        } catch (final IOException | UncheckedIOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
        return String.format("%d OutOfMemoryError, %d stream thread(s) replaced, %d rebalance(s) after the first "
                + "assignment (log %s)", outOfMemory, replaced, rebalances, log);
    }
}
