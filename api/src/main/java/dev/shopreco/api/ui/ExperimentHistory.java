package dev.shopreco.api.ui;

import dev.shopreco.api.experiment.Experiment;
import dev.shopreco.api.experiment.ExperimentService;
import dev.shopreco.api.streams.EventClock;
import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.KeyOwners;
import dev.shopreco.streams.experiment.ExperimentReadout;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The running experiment's cumulative counts over event time, for the page's click-through line:
 * every {@link #PERIOD_MS} ms the instance that owns the experiment's counts reads them and, when
 * they changed, keeps them with its event clock. Kept in memory on the owner since it started (or
 * took the experiment over), at most {@link #MAX_POINTS} points: when full, every other point is
 * dropped, so the series always spans the whole time at a coarser step.
 */
@Context
public class ExperimentHistory implements AutoCloseable {

    static final long PERIOD_MS = 1_000;
    static final int MAX_POINTS = 400;

    private final KafkaStreamsHost host;
    private final KeyOwners owners;
    private final ExperimentService service;
    private final Experiment running;
    private final EventClock clock;
    private final List<Point> points = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "ui-experiment-history");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * The counts at one event time.
     *
     * @param eventTime the owner's event clock (epoch ms)
     * @param variants  variant -> cumulative counts
     */
    public record Point(long eventTime, Map<String, Counts> variants) {
    }

    /**
     * One variant's cumulative counts.
     *
     * @param lists     lists served
     * @param clicked   lists clicked within the window
     * @param converted lists converted within the window
     */
    public record Counts(long lists, long clicked, long converted) {
    }

    /**
     * The series.
     *
     * @param experiment the experiment
     * @param instance   the instance that kept it
     * @param points     oldest first
     */
    public record Series(String experiment, String instance, List<Point> points) {
    }

    public ExperimentHistory(final KafkaStreamsHost host, final KeyOwners owners, final ExperimentService service,
            final Experiment running, final EventClock clock) {
        this.host = host;
        this.owners = owners;
        this.service = service;
        this.running = running;
        this.clock = clock;
        sampler.scheduleWithFixedDelay(this::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            final KafkaStreams streams = host.streams();
            if (streams == null || streams.state() != KafkaStreams.State.RUNNING
                    || !owners.ownerOfExperiment(running.name()).equals(owners.self())) {
                return;
            }
            final Long now = clock.now();
            if (now == null) {
                return;
            }
            final Map<String, Counts> variants = new LinkedHashMap<>();
            for (final ExperimentReadout.VariantReadout v : service.readout(running.name()).variants()) {
                variants.put(v.variant(), new Counts(v.listsServed(), v.listsClicked(), v.listsConverted()));
            }
            record(new Point(now, variants));
        } catch (final RuntimeException e) {
            // starting, rebalancing or not the owner: nothing to keep this time
        }
    }

    /** Keeps {@code point} if its counts differ from the last one kept (its time only moves forward). */
    synchronized void record(final Point point) {
        final Point last = points.isEmpty() ? null : points.get(points.size() - 1);
        if (last != null && last.variants().equals(point.variants())) {
            return;
        }
        if (last != null && point.eventTime() <= last.eventTime()) {
            points.set(points.size() - 1, new Point(last.eventTime(), point.variants()));
            return;
        }
        if (points.size() >= MAX_POINTS) {
            final List<Point> kept = new ArrayList<>(MAX_POINTS / 2 + 1);
            for (int i = 0; i < points.size(); i += 2) {
                kept.add(points.get(i));
            }
            points.clear();
            points.addAll(kept);
        }
        points.add(point);
    }

    /** What this instance kept for {@code name} (empty for any experiment but the running one). */
    public synchronized Series series(final String name) {
        return new Series(name, owners.selfId(), running.name().equals(name) ? List.copyOf(points) : List.of());
    }

    @PreDestroy
    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
