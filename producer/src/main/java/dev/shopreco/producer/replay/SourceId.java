package dev.shopreco.producer.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Identifies a data file in the headers of the records replayed from it ({@code replay.source}),
 * so that a later run can tell which of its lines were already delivered: name, size and a CRC of
 * the first MiB (cheap on files of gigabytes, and two different data sets never share all three).
 */
final class SourceId {

    static final String HEADER_SOURCE = "replay.source";
    static final String HEADER_LINE = "replay.line";
    /** Position in the replay's order: the order of each partition, which resume compares. */
    static final String HEADER_SEQ = "replay.seq";

    private SourceId() {
    }

    static String of(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            final CRC32 crc = new CRC32();
            crc.update(in.readNBytes(1 << 20));
            return file.getFileName() + ":" + Files.size(file) + ":" + Long.toHexString(crc.getValue());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
