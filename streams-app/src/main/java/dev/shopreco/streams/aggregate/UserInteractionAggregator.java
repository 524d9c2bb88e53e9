package dev.shopreco.streams.aggregate;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.streams.StreamsNames;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.UserProductKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-user aggregation (DESIGN §2), on {@code shop.interactions} keyed by user: adds each event to
 * its (user, product) entry of {@code user-interactions} and forwards, keyed by product, the change
 * of {@code s(u,p)} it caused ({@code new - old}), from which popularity is summed.
 *
 * <p>One store entry per pair rather than one map per user: an event rewrites 26 bytes, however
 * many products the user has.
 *
 * <p>The changes are summed per product in {@code popularity-deltas} and forwarded every
 * {@code flushInterval} of wall-clock time, not one record per event: the repartition by product
 * then carries at most one record per product and period. The buffer is a logged store, so what it
 * holds at a commit is committed with the input offsets and survives a crash (exactly once).
 */
public final class UserInteractionAggregator implements Processor<String, Interaction, Long, Double> {

    private final Duration flushInterval;
    private final StateVersions versions;
    private ProcessorContext<Long, Double> context;
    private KeyValueStore<UserProductKey, InteractionStats> store;
    private KeyValueStore<Long, Double> deltas;

    /** {@code versions} learns of every user whose entries change, after the write (a server's answer cache). */
    public UserInteractionAggregator(final Duration flushInterval, final StateVersions versions) {
        this.flushInterval = flushInterval;
        this.versions = versions;
    }

    @Override
    public void init(final ProcessorContext<Long, Double> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(Names.STORE_USER_INTERACTIONS);
        this.deltas = processorContext.getStateStore(StreamsNames.STORE_POPULARITY_DELTAS);
        processorContext.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(final Record<String, Interaction> record) {
        final Interaction event = record.value();
        if (event == null) {
            return;
        }
        final UserProductKey key = new UserProductKey(event.userId(), event.productId());
        final InteractionStats old = store.get(key);
        final InteractionStats updated = old == null ? InteractionStats.of(event) : old.plus(event);
        store.put(key, updated);
        versions.userChanged(event.userId());
        final double delta = updated.strength() - (old == null ? 0.0 : old.strength());
        if (delta != 0.0) {
            final Double pending = deltas.get(event.productId());
            deltas.put(event.productId(), pending == null ? delta : pending + delta);
        }
    }

    private void flush(final long now) {
        final List<KeyValue<Long, Double>> pending = new ArrayList<>();
        try (KeyValueIterator<Long, Double> it = deltas.all()) {
            it.forEachRemaining(pending::add);
        }
        for (final KeyValue<Long, Double> entry : pending) {
            context.forward(new Record<>(entry.key, entry.value, now));
            deltas.delete(entry.key);
        }
    }
}
