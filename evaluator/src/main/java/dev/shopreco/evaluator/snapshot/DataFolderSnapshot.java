package dev.shopreco.evaluator.snapshot;

import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot computed from a raw data folder by streams-app's batch reference: the interactions the
 * topology would write to {@code shop.interactions} after a replay of the folder, without a broker.
 */
public final class DataFolderSnapshot {

    private DataFolderSnapshot() {
    }

    /** Runs the batch reference (the topology's default settings) on {@code dir}. */
    public static Snapshot read(final Path dir) {
        final ReferenceResult reference = BatchReference.fromFolder(dir, ReferenceOptions.defaults());
        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", dir.toAbsolutePath().normalize().toString());
        details.put("interactions", reference.interactions().size());
        details.put("products", reference.catalog().size());
        details.put("rejected_events", reference.rejected().size());
        details.put("invalid_lines", reference.invalidLines().size());
        details.put("recovered_users", reference.recoveredEvents());
        return Snapshot.of(reference.interactions(), reference.catalog().values(),
                new SnapshotOrigin(SnapshotOrigin.DATA, details));
    }
}
