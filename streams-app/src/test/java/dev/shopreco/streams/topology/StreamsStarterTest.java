package dev.shopreco.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which task folders a start deletes: only those holding a RocksDB folder that cannot be opened. */
class StreamsStarterTest {

    @Test
    void shouldDeleteOnlyTheTaskWhoseSegmentNamesAMissingManifest(@TempDir final Path app) throws IOException {
        final Path broken = rocksDb(app.resolve("5_1/ab-recent-events/ab-recent-events.1609200000000"), false);
        final Path sibling = rocksDb(app.resolve("5_1/ab-served-lists/ab-served-lists.1609200000000"), true);
        final Path healthy = rocksDb(app.resolve("5_0/ab-recent-events/ab-recent-events.1609200000000"), true);
        final Path global = rocksDb(app.resolve("global/rocksdb/products"), true);

        assertEquals(List.of(app.resolve("5_1")), StreamsStarter.removeBrokenTasks(app));

        assertFalse(Files.exists(broken));
        assertFalse(Files.exists(sibling), "the whole task is restored, not one store of it");
        assertTrue(Files.isRegularFile(healthy.resolve("CURRENT")));
        assertTrue(Files.isRegularFile(global.resolve("CURRENT")));
        assertEquals(List.of(), StreamsStarter.removeBrokenTasks(app), "nothing left to repair");
    }

    @Test
    void shouldTreatAnEmptyCurrentFileAsBroken(@TempDir final Path app) throws IOException {
        final Path db = rocksDb(app.resolve("0_2/rocksdb/user-interactions"), true);
        Files.writeString(db.resolve("CURRENT"), "");

        assertEquals(List.of(app.resolve("0_2")), StreamsStarter.removeBrokenTasks(app));
    }

    @Test
    void shouldDeleteTheGlobalStoresOnly(@TempDir final Path app) throws IOException {
        rocksDb(app.resolve("global/rocksdb/popularity-all"), true);
        final Path task = rocksDb(app.resolve("0_0/rocksdb/user-interactions"), true);

        assertTrue(StreamsStarter.removeGlobalState(app));

        assertFalse(Files.exists(app.resolve("global")));
        assertTrue(Files.isRegularFile(task.resolve("CURRENT")));
        assertFalse(StreamsStarter.removeGlobalState(app), "nothing left to delete");
    }

    @Test
    void shouldLeaveAFreshInstanceAlone(@TempDir final Path tmp) {
        assertEquals(List.of(), StreamsStarter.removeBrokenTasks(tmp.resolve("no-such-app")));
    }

    /** A RocksDB folder as far as opening it is concerned: CURRENT naming MANIFEST-000005, present or not. */
    private static Path rocksDb(final Path dir, final boolean withManifest) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("CURRENT"), "MANIFEST-000005\n");
        Files.writeString(dir.resolve("OPTIONS-000007"), "options");
        if (withManifest) {
            Files.writeString(dir.resolve("MANIFEST-000005"), "manifest");
        }
        return dir;
    }
}
