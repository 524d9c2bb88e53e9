package dev.shopreco.bench.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the scale command reads from other programs: wrk's result line and the API's metrics. */
class ParsingTest {

    @Test
    void shouldReadTheLoadScriptsResultLine() {
        final Wrk.Result result = Wrk.parse(
                "RESULT rps=25403 p50_ms=0.31 p90_ms=1.20 p99_ms=3.99 max_ms=41.07 errors=2 non2xx=3");

        assertEquals(new Wrk.Result(25_403, 0.31, 1.20, 3.99, 41.07, 2, 3), result);
        assertNull(Wrk.parse("Running 15s test @ http://127.0.0.1:18080"));
    }

    @Test
    void shouldSumTheHeapPoolsAndReadTheLiveHeap() {
        final String exposition = String.join("\n",
                "# HELP jvm_memory_used_bytes The amount of used memory",
                "# TYPE jvm_memory_used_bytes gauge",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.048576E8",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 5.24288E7",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.0E7",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Survivor Space\"} 0.0",
                "jvm_gc_live_data_size_bytes 4.0E7",
                "jvm_gc_max_data_size_bytes 2.147483648E9");

        assertArrayEquals(new long[] {157_286_400L, 40_000_000L}, ProcessMemory.heapOf(exposition));
    }

    @Test
    void shouldCountLostThreadsAndRebalancesInTheApiLog(@TempDir final Path dir) throws IOException {
        final Path log = dir.resolve("api-1.log");
        Files.write(log, List.of(
                "22:35:01.000 INFO  [t] o.apache.kafka.streams.KafkaStreams - stream-client [x] State transition from REBALANCING to RUNNING",
                "Exception in thread \"x-StreamThread-1\" java.lang.OutOfMemoryError: Java heap space",
                "22:43:08.700 ERROR [t] o.apache.kafka.streams.KafkaStreams - stream-client [x] Replacing thread in the streams uncaught exception handler",
                "22:43:55.859 INFO  [t] o.apache.kafka.streams.KafkaStreams - stream-client [x] State transition from RUNNING to REBALANCING"));

        assertEquals("1 OutOfMemoryError, 1 stream thread(s) replaced, 1 rebalance(s) after the first assignment (log "
                + log + ")", LogFindings.of(log));
    }
}
