package dev.shopreco.bench.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Peaks of one API process's memory: resident set size from {@code /proc/PID/status} (heap, RocksDB and
 * everything native), heap in use and live heap from its {@code /prometheus} endpoint (Micrometer's
 * {@code jvm_memory_used_bytes{area="heap"}} summed over pools, and {@code jvm_gc_live_data_size_bytes}: the
 * old generation after the last collection that cleaned it).
 */
final class ProcessMemory {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final long pid;
    private final String baseUrl;
    private volatile long rss;
    private volatile long peakRss;
    private volatile long heap;
    private volatile long peakHeap;
    private volatile long peakLiveHeap;

    ProcessMemory(final long pid, final String baseUrl) {
        this.pid = pid;
        this.baseUrl = baseUrl;
    }

    /** Reads the RSS now (cheap: a file of /proc). */
    void sampleRss() {
        final long now = rss(pid);
        rss = now;
        peakRss = Math.max(peakRss, now);
    }

    /** Reads the heap now from the metrics endpoint (a scrape: a few ms of the API's CPU); false if it did not answer. */
    boolean sampleHeap() {
        try {
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/prometheus"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            final long[] parsed = heapOf(response.body());
            heap = parsed[0];
            peakHeap = Math.max(peakHeap, parsed[0]);
            peakLiveHeap = Math.max(peakLiveHeap, parsed[1]);
            return true;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {heap used, live heap} from a Prometheus text exposition. */
    static long[] heapOf(final String exposition) {
        double used = 0;
        double live = 0;
        for (final String line : exposition.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += value(line);
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                live = value(line);
            }
        }
        return new long[] {(long) used, (long) live};
    }

    private static double value(final String line) {
        final String[] parts = line.trim().split("\\s+");
        return Double.parseDouble(parts[parts.length - 1]);
    }

    /** VmRSS of a process in bytes; 0 if it is gone or there is no /proc. */
    static long rss(final long pid) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (final IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    long rss() {
        return rss;
    }

    long peakRss() {
        return peakRss;
    }

    long heap() {
        return heap;
    }

    long peakHeap() {
        return peakHeap;
    }

    long peakLiveHeap() {
        return peakLiveHeap;
    }
}
