package dev.shopreco.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateOnDiskTest {

    private static void write(final Path file, final int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    @Test
    void shouldSumEachStoreOverTasksInKafkaStreamsLayout(@TempDir final Path app) throws IOException {
        write(app.resolve("0_0/rocksdb/user-interactions/000012.sst"), 1_000);
        write(app.resolve("0_0/rocksdb/user-interactions/MANIFEST-000005"), 24);
        write(app.resolve("0_1/rocksdb/user-interactions/000007.sst"), 500);
        write(app.resolve("1_0/ab-recent-events/ab-recent-events.1795800000000/000004.sst"), 300);
        write(app.resolve("global/rocksdb/item-gram-all/000009.sst"), 200);
        write(app.resolve("0_0/.checkpoint"), 10);
        write(app.resolve("kafka-streams-process-metadata"), 5);

        assertEquals(Map.of("user-interactions", 1_524L, "ab-recent-events", 300L, "item-gram-all", 200L,
                StateOnDisk.TASK_FILES, 15L), StateOnDisk.perStore(app));
    }

    @Test
    void shouldFindNothingInAFolderNotYetMade(@TempDir final Path parent) {
        assertEquals(Map.of(), StateOnDisk.perStore(parent.resolve("shop-reco")));
    }
}
