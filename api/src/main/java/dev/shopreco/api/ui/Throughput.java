package dev.shopreco.api.ui;

import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.common.Names;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * This instance's events processed and lists served, as totals and as rates over the last
 * {@link #WINDOW_SAMPLES} samples (one every {@link #PERIOD_MS} ms). Events processed: the records its
 * stream threads consumed from {@code shop.sessions} (Kafka's {@code records-consumed-total}); lists
 * served: the {@code reco.served} counter, every model and variant.
 */
@Context
public class Throughput implements AutoCloseable {

    static final long PERIOD_MS = 2_000;
    static final int WINDOW_SAMPLES = 5;

    private final KafkaStreamsHost host;
    private final MeterRegistry meters;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "ui-throughput-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** Totals at one time. */
    private record Sample(long nanos, long events, long lists) {
    }

    /**
     * Totals and rates.
     *
     * @param eventsProcessed      records consumed from {@code shop.sessions} by this instance's stream threads
     * @param eventsPerSecond      their rate over the last samples (0 until two samples exist)
     * @param listsServed          answers this instance computed
     * @param listsPerSecond       their rate
     * @param windowSeconds        the span the rates are measured over
     */
    public record Rates(long eventsProcessed, double eventsPerSecond, long listsServed, double listsPerSecond,
            double windowSeconds) {
    }

    public Throughput(final KafkaStreamsHost host, final MeterRegistry meters) {
        this.host = host;
        this.meters = meters;
        sampler.scheduleAtFixedRate(this::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            final Sample now = new Sample(System.nanoTime(), eventsConsumed(host.streams()), listsServed());
            synchronized (samples) {
                samples.addLast(now);
                while (samples.size() > WINDOW_SAMPLES + 1) {
                    samples.removeFirst();
                }
            }
        } catch (final RuntimeException e) {
            // a client being replaced: the next sample counts again
        }
    }

    /** The totals now and the rates over the last samples. */
    public Rates rates() {
        final long events = eventsConsumed(host.streams());
        final long lists = listsServed();
        final Sample first;
        final Sample last;
        synchronized (samples) {
            first = samples.peekFirst();
            last = samples.peekLast();
        }
        if (first == null || first == last || last.nanos() == first.nanos()) {
            return new Rates(events, 0, lists, 0, 0);
        }
        final double seconds = (last.nanos() - first.nanos()) / 1e9;
        // a client replaced in between restarts its totals: no negative rate
        return new Rates(events, Math.max(0, (last.events() - first.events()) / seconds), lists,
                Math.max(0, (last.lists() - first.lists()) / seconds), seconds);
    }

    private long listsServed() {
        double sum = 0;
        // a function counter today; a plain counter would count the same
        for (final FunctionCounter counter : meters.find("reco.served").functionCounters()) {
            sum += counter.count();
        }
        for (final Counter counter : meters.find("reco.served").counters()) {
            sum += counter.count();
        }
        return (long) sum;
    }

    /** Records the client's stream-thread consumers read from {@code shop.sessions}. */
    static long eventsConsumed(final KafkaStreams streams) {
        if (streams == null) {
            return 0;
        }
        final Map<String, Double> perClient = new HashMap<>();
        for (final Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            final MetricName name = entry.getKey();
            final String topic = name.tags().get("topic");
            if ("records-consumed-total".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
                    && topic != null && !name.tags().containsKey("partition")
                    && StreamsMetrics.mainConsumer(name.tags().get("client-id"))
                    && StreamsMetrics.sameTopic(Names.TOPIC_SESSIONS, topic)
                    && entry.getValue().metricValue() instanceof Number value) {
                // Kafka may tag the topic both as named and with '.' as '_': count each client once
                perClient.merge(name.tags().get("client-id"), value.doubleValue(), Math::max);
            }
        }
        return (long) perClient.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @PreDestroy
    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
