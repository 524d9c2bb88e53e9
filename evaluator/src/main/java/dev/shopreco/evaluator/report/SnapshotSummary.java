package dev.shopreco.evaluator.report;

import dev.shopreco.evaluator.snapshot.SnapshotOrigin;
import java.util.Map;

/** One line saying where a snapshot came from, for the report (the full detail is in results.json). */
final class SnapshotSummary {

    private SnapshotSummary() {
    }

    static String of(final SnapshotOrigin origin) {
        final Map<String, Object> d = origin.details();
        return switch (origin.source()) {
            case SnapshotOrigin.KAFKA -> "`shop.interactions` on " + d.get("bootstrap_servers") + " up to end offsets "
                    + d.get("end_offsets");
            case SnapshotOrigin.FILE -> "file `" + d.get("path") + "` (SHA-256 " + d.get("sha256") + ")";
            default -> "data folder `" + d.get("path") + "` through the batch reference";
        } + ", " + d.get("interactions") + " interactions, " + d.get("products") + " products";
    }
}
