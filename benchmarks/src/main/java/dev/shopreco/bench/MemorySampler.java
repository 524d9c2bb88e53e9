package dev.shopreco.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the process's memory a few times a second: peak heap in use, peak live heap (what the
 * collectors left after their last run: the part that would grow if state were kept on the heap) and
 * peak resident set size (heap + RocksDB + everything native).
 */
final class MemorySampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "memory-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile long peakHeap;
    private volatile long peakLiveHeap;
    private volatile long peakRss;

    MemorySampler start() {
        timer.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    private void sample() {
        long heap = 0;
        long live = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getUsage().getUsed();
                final MemoryUsage afterGc = pool.getCollectionUsage();
                live += afterGc == null ? 0 : afterGc.getUsed();
            }
        }
        peakHeap = Math.max(peakHeap, heap);
        peakLiveHeap = Math.max(peakLiveHeap, live);
        peakRss = Math.max(peakRss, rss());
    }

    /** Resident set size from /proc (0 where there is no /proc). */
    static long rss() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (final IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    String report() {
        sample();
        // a full collection once, at the end: what the state and the buffers really retain
        System.gc();
        final long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format("peak heap used %d MiB, peak heap after GC %d MiB, heap retained at the end %d MiB "
                + "(max heap %d MiB), peak RSS %d MiB", peakHeap >> 20, peakLiveHeap >> 20, retained >> 20,
                Runtime.getRuntime().maxMemory() >> 20, peakRss >> 20);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
