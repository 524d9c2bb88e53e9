package dev.shopreco.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bytes Kafka Streams keeps on disk per store, from its state folder
 * ({@code STATE_DIR/APP_ID/TASK/rocksdb/STORE/...} for key-value stores,
 * {@code STATE_DIR/APP_ID/TASK/STORE/...} for segmented stores, {@code STATE_DIR/APP_ID/global/rocksdb/STORE}
 * for global ones), summed over tasks; checkpoint, lock and metadata files count apart. In-memory stores have no folder.
 */
final class StateOnDisk {

    /** Label of the files of a task folder that belong to no store. */
    static final String TASK_FILES = "(checkpoints, locks, metadata)";

    private StateOnDisk() {
    }

    /** Store name -> bytes under {@code appDir} (the state folder of one application on one instance). */
    static Map<String, Long> perStore(final Path appDir) {
        final Map<String, Long> bytes = new TreeMap<>();
        if (!Files.isDirectory(appDir)) {
            return bytes;
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                final Path relative = appDir.relativize(file);
                bytes.merge(storeOf(relative), size(file), Long::sum);
            });
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the state folder " + appDir, e);
        }
        return bytes;
    }

    /** The store a file (relative to the application's folder) belongs to. */
    static String storeOf(final Path relative) {
        final int parts = relative.getNameCount();
        if (parts >= 4 && relative.getName(1).toString().equals("rocksdb")) {
            return relative.getName(2).toString();
        }
        if (parts >= 3) {
            return relative.getName(1).toString();
        }
        return TASK_FILES;
    }

    private static long size(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            // RocksDB deletes files while it runs: one gone between the walk and now holds nothing
            return 0;
        }
    }
}
