package dev.shopreco.reliability.support;

import dev.shopreco.common.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, every 100 ms on a thread of its own, how far the two sides of the system are: the
 * replay (the committed end of {@code shop.sessions}, as the topology sees it, {@code read_committed})
 * and the processing (the offsets application {@code appId} has committed, summed over every topic
 * it reads). A sample that fails (a broker just died) is skipped. From the samples, how long a side
 * made no progress after a fault.
 */
public final class Progress implements AutoCloseable {

    private static final int SENT = 1;
    private static final int PROCESSED = 2;

    private final Admin admin;
    private final String appId;
    private final int partitions;
    private final List<long[]> samples = new ArrayList<>();
    private final Thread thread = new Thread(this::run, "progress");
    private volatile boolean running = true;

    /** {@code admin} stays open while this samples; {@code partitions}: of {@code shop.sessions}. */
    public Progress(final Admin admin, final String appId, final int partitions) {
        this.admin = admin;
        this.appId = appId;
        this.partitions = partitions;
        thread.setDaemon(true);
    }

    public Progress start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                final long sent = sessionsEnd(admin, partitions, 5);
                long processed = 0;
                for (final OffsetAndMetadata offset : admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS).values()) {
                    processed += offset == null ? 0 : offset.offset();
                }
                synchronized (samples) {
                    samples.add(new long[] {System.nanoTime(), sent, processed});
                }
            } catch (final Exception e) {
                // a broker just died or a request timed out: the next sample will do
            }
            try {
                Thread.sleep(100);
            } catch (final InterruptedException e) {
                return;
            }
        }
    }

    /** The committed end of shop.sessions now (transaction markers count as offsets), summed over {@code partitions}. */
    public static long sessionsEnd(final Admin admin, final int partitions) throws Exception {
        return sessionsEnd(admin, partitions, 30);
    }

    private static long sessionsEnd(final Admin admin, final int partitions, final int timeoutSeconds)
            throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(Names.TOPIC_SESSIONS, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(timeoutSeconds, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
    }

    /**
     * {@link #sessionsEnd} once two reads a second apart agree: just after a leader change the new
     * leader may answer an end below what it holds until its high watermark catches up.
     */
    public static long settledSessionsEnd(final Admin admin, final int partitions) throws Exception {
        long last = sessionsEnd(admin, partitions);
        for (int i = 0; i < 60; i++) {
            Thread.sleep(1000);
            final long now = sessionsEnd(admin, partitions);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** The committed end of shop.sessions at the last sample (transaction markers count as offsets). */
    public long sent() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[SENT];
        }
    }

    /** The application's committed offsets, summed, at the last sample. */
    public long processed() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[PROCESSED];
        }
    }

    /** The longest time the replay added nothing to shop.sessions between {@code from} and {@code to} (nanoTime). */
    public double sendStall(final long from, final long to) {
        return longestStall(from, to, SENT);
    }

    /** The longest time the application committed nothing between {@code from} and {@code to} (nanoTime). */
    public double processStall(final long from, final long to) {
        return longestStall(from, to, PROCESSED);
    }

    /**
     * The longest span without growth from {@code from} (a fault) to {@code to}: from {@code from} or
     * a growth to the next growth; the whole span if nothing grew in it.
     */
    private double longestStall(final long from, final long to, final int column) {
        synchronized (samples) {
            long lastGrowth = from;
            long value = Long.MIN_VALUE;
            double longest = 0;
            boolean grew = false;
            for (final long[] s : samples) {
                if (s[0] < from) {
                    value = s[column];
                    continue;
                }
                if (s[0] > to) {
                    break;
                }
                if (s[column] > value) {
                    if (value != Long.MIN_VALUE) {
                        longest = Math.max(longest, (s[0] - lastGrowth) / 1e9);
                        lastGrowth = s[0];
                        grew = true;
                    }
                    value = s[column];
                }
            }
            return grew ? longest : (to - from) / 1e9;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
