package dev.shopreco.streams.collaborative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** How a Gram row is cut into chunks and put together again. */
class GramChunksTest {

    @Test
    void shouldSpreadAnyPatternOfIdsOverTheChunksAndPutTheRowTogetherAgain() {
        // ids that are all multiples of 10: a chunk by id range or by id modulo would leave most chunks empty
        final long[] columns = LongStream.rangeClosed(1, 640).map(i -> i * 10).toArray();
        final double[] weighted = LongStream.rangeClosed(1, 640).mapToDouble(i -> i * 0.5).toArray();
        final long[] users = LongStream.rangeClosed(1, 640).toArray();
        final GramRow row = GramRow.of(columns, weighted, users);

        final List<GramRow> parts = GramChunks.byChunk(row);
        assertEquals(GramChunks.CHUNKS, parts.size(), "every chunk used");
        for (final GramRow part : parts) {
            assertTrue(part.size() < 40, "about 640 / 32 = 20 columns a chunk, got " + part.size());
            for (int i = 1; i < part.size(); i++) {
                assertTrue(part.column(i - 1) < part.column(i), "columns ascending within a chunk");
            }
            final int chunk = GramChunks.chunkOf(part.column(0));
            for (int i = 0; i < part.size(); i++) {
                assertEquals(chunk, GramChunks.chunkOf(part.column(i)));
            }
        }
        assertEquals(row, GramRow.merge(parts));
    }
}
