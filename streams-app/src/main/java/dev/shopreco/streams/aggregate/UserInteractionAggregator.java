package dev.shopreco.streams.aggregate;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.streams.StreamsNames;
import dev.shopreco.streams.collaborative.GramBuilder;
import dev.shopreco.streams.collaborative.GramRow;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.StoreBackedState;
import dev.shopreco.streams.state.UserProductKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user aggregation (DESIGN §2), on {@code shop.interactions} keyed by user: adds each event to
 * its (user, product) entry of {@code user-interactions} and forwards, keyed by product, what the
 * change means for the product: its popularity change ({@link PopularityDelta}, the sum of
 * {@code new - old} of s(u,p)) and its item-Gram row change ({@link GramRow}).
 *
 * <p>One store entry per pair rather than one map per user: an event rewrites 26 bytes, however
 * many products the user has.
 *
 * <p>The popularity changes are summed per product in {@code popularity-deltas} and forwarded every
 * {@code popularityFlushInterval} of wall-clock time, not one record per event: the repartition by
 * product then carries at most one record per product and period.
 *
 * <p>For the item Gram matrices, an event only notes the pair's strength sum before its first change
 * since the last Gram flush ({@link GramPending}: a map per user, kept in {@code item-gram-pending}).
 * Every {@code gramFlushInterval} the flush reads each such user's products once and forwards, per
 * product row, the change of those users' contributions ({@link GramBuilder#addChange}):
 * O(changed pairs × the user's products) per flush, instead of a record per co-touched pair and event.
 *
 * <p>The first Gram flush of a task whose state has no Gram contributions yet (a new application,
 * or {@code user-interactions} written by a version without the Gram rows) first marks every pair
 * of the store as new, so that flush adds every user's whole contribution; a marker entry in
 * {@code item-gram-pending} records that this task's users are in the rows from then on.
 *
 * <p>Both buffers are logged stores, so what they hold at a commit is committed with the input
 * offsets and survives a crash (exactly once).
 */
public final class UserInteractionAggregator implements Processor<String, Interaction, Long, ProductChange> {

    private static final Logger LOG = LoggerFactory.getLogger(UserInteractionAggregator.class);

    private final Duration popularityFlushInterval;
    private final Duration gramFlushInterval;
    private final StateVersions versions;
    private ProcessorContext<Long, ProductChange> context;
    private KeyValueStore<UserProductKey, InteractionStats> store;
    private KeyValueStore<Long, Double> deltas;
    private GramPending gramPending;

    /** {@code versions} learns of every user whose entries change, after the write (a server's answer cache). */
    public UserInteractionAggregator(final Duration popularityFlushInterval, final Duration gramFlushInterval,
            final StateVersions versions) {
        this.popularityFlushInterval = popularityFlushInterval;
        this.gramFlushInterval = gramFlushInterval;
        this.versions = versions;
    }

    @Override
    public void init(final ProcessorContext<Long, ProductChange> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(Names.STORE_USER_INTERACTIONS);
        this.deltas = processorContext.getStateStore(StreamsNames.STORE_POPULARITY_DELTAS);
        this.gramPending = new GramPending(processorContext.getStateStore(StreamsNames.STORE_ITEM_GRAM_PENDING));
        processorContext.schedule(popularityFlushInterval, PunctuationType.WALL_CLOCK_TIME, this::flushPopularity);
        processorContext.schedule(gramFlushInterval, PunctuationType.WALL_CLOCK_TIME, this::flushGram);
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
        gramPending.note(event.userId(), event.productId(), old == null ? Double.NaN : old.strengthSum());
    }

    private void flushPopularity(final long now) {
        final List<KeyValue<Long, Double>> pending = new ArrayList<>();
        try (KeyValueIterator<Long, Double> it = deltas.all()) {
            it.forEachRemaining(pending::add);
        }
        for (final KeyValue<Long, Double> entry : pending) {
            context.forward(new Record<>(entry.key, new PopularityDelta(entry.value), now));
            deltas.delete(entry.key);
        }
    }

    private void flushGram(final long now) {
        if (!gramPending.complete()) {
            markEveryPairNew();
            gramPending.markComplete();
        }
        if (gramPending.byUser().isEmpty()) {
            return;
        }
        final GramBuilder changes = new GramBuilder();
        gramPending.byUser().forEach((user, before) ->
                changes.addChange(StoreBackedState.interactionsOf(store, user), before));
        for (final Map.Entry<Long, GramRow> row : changes.rows().entrySet()) {
            context.forward(new Record<>(row.getKey(), row.getValue(), now));
        }
        gramPending.clear();
    }

    /** Every pair of the task's {@code user-interactions} counts as new to the Gram rows (see the class comment). */
    private void markEveryPairNew() {
        final List<UserProductKey> pairs = new ArrayList<>();
        try (KeyValueIterator<UserProductKey, InteractionStats> it = store.all()) {
            it.forEachRemaining(entry -> pairs.add(entry.key));
        }
        gramPending.markNew(pairs);
        if (!pairs.isEmpty()) {
            LOG.info("Item Gram rows: first flush of task {} on this state; its {} stored (user, product) pairs "
                    + "are added whole", context.taskId(), pairs.size());
        }
    }
}
