package dev.shopreco.producer.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes the data folder's JSON Lines files, plain or gzip-compressed (reading: {@link dev.shopreco.common.io.DataFolder}). */
final class DataFiles {

    private static final int BUFFER = 1 << 16;

    private DataFiles() {
    }

    /**
     * A UTF-8 writer for {@code dir/name.jsonl} or, compressed, {@code dir/name.jsonl.gz}. Java's gzip
     * header carries no timestamp, so equal content gives equal bytes.
     */
    static Writer writer(final Path dir, final String name, final boolean gzip) throws IOException {
        final Path file = dir.resolve(name + (gzip ? ".jsonl.gz" : ".jsonl"));
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            out = new GZIPOutputStream(out, BUFFER) {
                {
                    // the committed data set must stay small: best compression is worth the time
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            };
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
    }

    /** Removes {@code dir/name.jsonl} and {@code dir/name.jsonl.gz}, so a folder never holds both kinds. */
    static void deleteBoth(final Path dir, final String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name + ".jsonl"));
        Files.deleteIfExists(dir.resolve(name + ".jsonl.gz"));
    }
}
