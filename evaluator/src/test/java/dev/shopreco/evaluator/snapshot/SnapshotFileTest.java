package dev.shopreco.evaluator.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.evaluator.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {

    private static Snapshot data;

    @BeforeAll
    static void readData() {
        data = DataFolderSnapshot.read(Fixtures.smallData());
    }

    @Test
    void shouldReadBackTheSameInteractionsAndCatalog(@TempDir final Path dir) {
        final Path file = dir.resolve("snapshot.jsonl.gz");
        SnapshotFile.write(data, file);

        final Snapshot read = SnapshotFile.read(file);

        assertEquals(data.interactions(), read.interactions());
        assertEquals(data.catalog(), read.catalog());
        assertEquals(SnapshotOrigin.FILE, read.origin().source());
        assertEquals(SnapshotFile.sha256(file), read.origin().details().get("sha256"));
        assertEquals(SnapshotOrigin.DATA, ((Map<?, ?>) read.origin().details().get("saved_from")).get("source"));
    }

    @Test
    void shouldWriteByteEqualFilesForEqualSnapshots(@TempDir final Path dir) throws IOException {
        SnapshotFile.write(data, dir.resolve("a.jsonl.gz"));
        SnapshotFile.write(DataFolderSnapshot.read(Fixtures.smallData()), dir.resolve("b.jsonl.gz"));
        SnapshotFile.write(data, dir.resolve("plain.jsonl"));

        assertArrayEquals(Files.readAllBytes(dir.resolve("a.jsonl.gz")), Files.readAllBytes(dir.resolve("b.jsonl.gz")));
        assertEquals(data.interactions(), SnapshotFile.read(dir.resolve("plain.jsonl")).interactions());
    }

    @Test
    void shouldRefuseAFileThatIsNotASnapshot(@TempDir final Path dir) throws IOException {
        final Path file = Files.writeString(dir.resolve("x.jsonl"), "{\"product_id\": 1}\n");

        assertThrows(IllegalArgumentException.class, () -> SnapshotFile.read(file));
    }

    @Test
    void shouldRefuseATruncatedSnapshot(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("s.jsonl");
        SnapshotFile.write(data, file);
        final List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, lines.size() - 1));

        assertThrows(IllegalArgumentException.class, () -> SnapshotFile.read(file));
    }

    @Test
    void shouldHoldEveryInteractionInCanonicalOrder() {
        for (int i = 1; i < data.interactions().size(); i++) {
            assertTrue(CanonicalOrder.ORDER.compare(data.interactions().get(i - 1), data.interactions().get(i)) <= 0);
        }
    }
}
