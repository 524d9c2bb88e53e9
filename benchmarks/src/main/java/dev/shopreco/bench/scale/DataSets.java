package dev.shopreco.bench.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sizes the scale benchmark knows: S is the repository's {@code data/}; M and L are made by
 * {@code producer.jar generate} once and kept in a cache folder; anything else is a data folder.
 */
final class DataSets {

    /** The generator's options for each generated size. */
    static final Map<String, List<String>> GENERATED = Map.of(
            "M", List.of("--users", "20000", "--products", "20000", "--months", "2"),
            "L", List.of("--users", "200000", "--products", "50000", "--months", "2"));

    /** Written into a generated folder once the generator has finished: a folder without it is regenerated. */
    static final String COMPLETE = ".complete";

    private DataSets() {
    }

    /** The data folder for {@code size}, generated into {@code cache} first if it is M or L and not there yet. */
    static Path resolve(final String size, final Path repository, final Path cache, final Path producerJar,
            final PrintStream out) throws IOException, InterruptedException {
        final String upper = size.toUpperCase(Locale.ROOT);
        if (upper.equals("S")) {
            return existing(repository.resolve("data"));
        }
        final List<String> options = GENERATED.get(upper);
        if (options == null) {
            return existing(Path.of(size));
        }
        final Path folder = cache.resolve(upper);
        if (Files.exists(folder.resolve(COMPLETE))) {
            out.printf("==> Data %s: %s (generated earlier with %s)%n", upper, folder, String.join(" ", options));
            return folder;
        }
        final Path partial = cache.resolve(upper + ".partial");
        deleteRecursively(partial);
        Files.createDirectories(partial);
        out.printf("==> Generating data set %s into %s: producer.jar generate %s%n", upper, folder,
                String.join(" ", options));
        final List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", producerJar.toString(),
                "generate", "--out", partial.toString()));
        command.addAll(options);
        final long started = System.nanoTime();
        try (Child generate = Child.start("generate", command, Map.of(), cache.resolve(upper + ".generate.log"), out)) {
            if (generate.waitFor() != 0) {
                throw generate.failure("Generating data set " + upper + " failed");
            }
        }
        Files.writeString(partial.resolve(COMPLETE), String.join(" ", options) + System.lineSeparator());
        deleteRecursively(folder);
        Files.move(partial, folder);
        out.printf("    generated in %.0f s%n", (System.nanoTime() - started) / 1e9);
        return folder;
    }

    private static Path existing(final Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("No data folder " + folder.toAbsolutePath()
                    + ": give S, M, L or a folder with products, users and sessions files");
        }
        return folder;
    }

    /** The java of this JVM, so that children run on the same runtime. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteRecursively(final Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
