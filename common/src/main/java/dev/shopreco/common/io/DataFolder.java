package dev.shopreco.common.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A folder of the shop's data in the seed's layout: {@code products.jsonl}, {@code users.jsonl},
 * {@code sessions.jsonl}, each possibly gzip-compressed ({@code .jsonl.gz}).
 *
 * @param dir the folder
 */
public record DataFolder(Path dir) {

    public static final String PRODUCTS = "products";
    public static final String USERS = "users";
    public static final String SESSIONS = "sessions";

    /**
     * The file holding {@code name} ({@code products}, {@code users} or {@code sessions}).
     *
     * @throws UncheckedIOException (a {@link NoSuchFileException}) naming both candidates if neither exists
     */
    public Path file(final String name) {
        final Path plain = dir.resolve(name + ".jsonl");
        final Path gzip = dir.resolve(name + ".jsonl.gz");
        final boolean hasPlain = Files.isRegularFile(plain);
        final boolean hasGzip = Files.isRegularFile(gzip);
        if (hasPlain && hasGzip) {
            throw new IllegalArgumentException("Both " + plain + " and " + gzip + " exist: keep one of them");
        }
        if (!hasPlain && !hasGzip) {
            throw new UncheckedIOException(new NoSuchFileException(plain.toString(), gzip.toString(),
                    "no " + name + " file in " + dir.toAbsolutePath()));
        }
        return hasPlain ? plain : gzip;
    }

    /** Opens {@code name} for reading lines as UTF-8 (undecodable bytes become U+FFFD), unzipping if needed. */
    public BufferedReader open(final String name) {
        return open(file(name));
    }

    /** Opens a {@code .jsonl} or {@code .jsonl.gz} file for reading lines as UTF-8. */
    public static BufferedReader open(final Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open " + file, e);
        }
    }
}
