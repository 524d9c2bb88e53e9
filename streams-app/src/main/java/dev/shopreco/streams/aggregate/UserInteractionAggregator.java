package dev.shopreco.streams.aggregate;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.streams.collaborative.CoOccurrence;
import dev.shopreco.streams.collaborative.GramBuilder;
import dev.shopreco.streams.collaborative.GramRow;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.knn.PostingBuilder;
import dev.shopreco.streams.knn.PostingChanges;
import dev.shopreco.streams.state.InputBacklog;
import dev.shopreco.streams.state.InteractionStats;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.UserInteraction;
import dev.shopreco.streams.state.UserProductKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user aggregation on {@code shop.interactions} keyed by user: adds each event to its
 * (user, product) entry of {@code user-interactions} and forwards, keyed by product, what the change
 * means for the product: its popularity and user-count change ({@link ProductTotals}), its item
 * Gram row change ({@link GramRow}) and the change of its user-kNN postings ({@link PostingChanges}).
 *
 * <p>Work per event is bounded by {@link GramSettings#userWindow()}, whatever the size of the catalog
 * or of the user's history:
 * <ul>
 *   <li>the pair's entry is read and written (26 bytes);</li>
 *   <li>the popularity change is summed per product in {@code popularity-deltas} and forwarded every
 *       {@code popularityFlushInterval} (wall clock), or every {@code popularityBacklogFlushInterval} while
 *       a backlog waits (below);</li>
 *   <li>the user's co-occurrence window (the products touched last, {@code user-windows}) is read only
 *       when the pair is not in it: the pair enters if the window has room or if it is newer than the
 *       window's oldest product, which then leaves. The window records last event times only when a
 *       product enters, so its oldest entry is checked against the pair's own entry (and corrected)
 *       before it leaves;</li>
 *   <li>if the product is kept (see below), the change of its part in the user's contribution is
 *       noted ({@link GramPending}).</li>
 * </ul>
 *
 * <p>Every {@code gramFlushInterval}, or as soon as {@code maxPending} changes are noted (so that what
 * waits in memory is bounded by configuration), the flush reads each noted user's window and forwards,
 * per product row, the change of those users' contributions ({@link GramBuilder#addChange}): O(noted
 * products × window) per user; and, per product, the noted users' new postings (strength sum and last
 * event time) or their removal ({@link PostingBuilder}), from the same reads. Then, at most every {@code keptInterval}, it brings the task's contributions in
 * line with the kept set: the products with the most users, which a single task ranks and publishes
 * to {@code reco.item-gram.kept} (global store {@code item-gram-kept}). Products that entered are
 * added and products that left are taken back for every user of the task whose window holds them
 * (one scan of {@code user-windows}). The kept set the task counts over is stored with the pending
 * changes, so the rows stay exact through restarts, and at rest they equal the batch computation
 * ({@code collaborative.CoOccurrence}).
 *
 * <p>While at least {@code flushBacklog} records wait in the task's input ({@link InputBacklog}: a
 * replay, a restart after downtime), the flushes pace themselves by the work waiting, not by the
 * clock. A flush costs about the rows, chunks or products it touches, whatever the number of events
 * behind it, so a flush timed for live input would cost more per event the slower the task goes:
 * <ul>
 *   <li>the item Gram flushes on {@code maxPending} changes only;</li>
 *   <li>popularity flushes every {@code popularityBacklogFlushInterval}: the longer the interval, the
 *       more events each product's one record sums, where a catalog larger than the events of one
 *       live interval gives about one record per event;</li>
 *   <li>a changed kept set waits until the backlog is worked off: while the counts still climb, the
 *       kept set changes every minute and each change is a scan of the task's windows. The rows stay
 *       exact for the kept set applied, and the first tick after the backlog applies the newest.</li>
 * </ul>
 * Once the backlog is under {@code flushBacklog}, the next tick of the clock flushes. A task that has
 * not applied a kept set yet (a first start) is flushed by the clock and applies a kept set all the
 * same: it notes changes of kept products only, so it needs a kept set first. The tasks of a process
 * take turns at re-applying a kept set ({@link KeptTurns}), so that one transaction holds at most one
 * scan.
 *
 * <p>All buffers are logged stores: what they hold at a commit is committed with the input offsets
 * (exactly once).
 */
public final class UserInteractionAggregator implements Processor<String, Interaction, Long, ProductChange> {

    private static final Logger LOG = LoggerFactory.getLogger(UserInteractionAggregator.class);

    /** A Gram flush or kept-set re-application at least this long is logged at INFO, shorter ones at DEBUG. */
    static final long SLOW_STEP_MILLIS = 1_000;

    /** Window products from which {@link #counted} reads a user's entries with one range scan. */
    static final int RANGE_READ_FROM = 4;

    /** Entries a range read of {@link #counted} may visit per product it wants. */
    static final int RANGE_READ_SLACK = 4;

    private final Duration popularityFlushInterval;
    private final long popularityBacklogFlushMillis;
    private final Duration gramFlushInterval;
    private final int maxPending;
    private final long flushBacklog;
    private final long keptIntervalMillis;
    private final int windowSize;
    private final StateVersions versions;
    private final InputBacklog backlog;
    private final KeptTurns keptTurns;
    private ProcessorContext<Long, ProductChange> context;
    private KeyValueStore<UserProductKey, InteractionStats> store;
    private KeyValueStore<Long, ProductTotals> deltas;
    private UserWindows windows;
    private ReadOnlyKeyValueStore<Long, ?> keptStore;
    private GramPending gramPending;
    private long[] applied;
    private Set<Long> appliedSet;
    private long lastKeptApply = Long.MIN_VALUE;
    private long lastPopularityFlush = Long.MIN_VALUE;

    /**
     * {@code versions} learns of every user whose entries change, after the write (a server's answer
     * cache); {@code backlog} says what waits in the task's input ({@code flushBacklog} 0: the clock
     * always flushes); {@code keptTurns} is shared by the aggregators of the process.
     */
    public UserInteractionAggregator(final Duration popularityFlushInterval,
            final Duration popularityBacklogFlushInterval, final Duration gramFlushInterval, final int maxPending,
            final long flushBacklog, final Duration keptInterval, final GramSettings gram,
            final StateVersions versions, final InputBacklog backlog, final KeptTurns keptTurns) {
        this.popularityFlushInterval = popularityFlushInterval;
        this.popularityBacklogFlushMillis = popularityBacklogFlushInterval.toMillis();
        this.keptTurns = keptTurns;
        this.gramFlushInterval = gramFlushInterval;
        this.maxPending = maxPending;
        this.flushBacklog = flushBacklog;
        this.backlog = backlog;
        this.keptIntervalMillis = keptInterval.toMillis();
        this.windowSize = gram.userWindow();
        this.versions = versions;
    }

    @Override
    public void init(final ProcessorContext<Long, ProductChange> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(Names.STORE_USER_INTERACTIONS);
        this.deltas = processorContext.getStateStore(Names.STORE_POPULARITY_DELTAS);
        this.windows = new UserWindows(processorContext.getStateStore(Names.STORE_USER_WINDOWS));
        this.keptStore = processorContext.getStateStore(Names.STORE_ITEM_GRAM_KEPT);
        this.gramPending = new GramPending(processorContext.getStateStore(Names.STORE_ITEM_GRAM_PENDING));
        setApplied(gramPending.applied());
        processorContext.schedule(popularityFlushInterval, PunctuationType.WALL_CLOCK_TIME, this::onPopularityTimer);
        processorContext.schedule(gramFlushInterval, PunctuationType.WALL_CLOCK_TIME, this::onGramTimer);
    }

    @Override
    public void process(final Record<String, Interaction> record) {
        final Interaction event = record.value();
        if (event == null) {
            return;
        }
        final long user = event.userId();
        final long product = event.productId();
        final UserProductKey key = new UserProductKey(user, product);
        final InteractionStats old = store.get(key);
        final InteractionStats updated = old == null ? InteractionStats.of(event) : old.plus(event);
        final double delta = updated.strength() - (old == null ? 0.0 : old.strength());
        final long newUser = old == null ? 1 : 0;
        if (delta != 0.0 || newUser != 0) {
            final ProductTotals change = new ProductTotals(delta, newUser);
            final ProductTotals pending = deltas.get(product);
            deltas.put(product, pending == null ? change : pending.plus(change));
        }
        if (old != null && old.inWindow()) {
            // a change of the last event time alone (an event of weight 0) moves the user's posting
            if (old.strengthSum() != updated.strengthSum() || old.lastEventTime() != updated.lastEventTime()) {
                noteCounted(user, product, old.strengthSum());
            }
            store.put(key, updated);
        } else {
            store.put(key, enterWindow(user, product, updated));
        }
        versions.userChanged(user);
        if (gramPending.size() >= maxPending) {
            flushGram(context.currentSystemTimeMs());
        }
    }

    /**
     * Offers the pair to the user's window; returns its stats, marked in the window if it entered.
     * The window's entries all rank newer than every product of the user outside it, so the pair enters
     * when there is room or when it is newer than the oldest entry, which leaves.
     */
    private InteractionStats enterWindow(final long user, final long product, final InteractionStats updated) {
        final UserWindow window = windows.read(user);
        if (window.size() < windowSize) {
            windows.put(user, product, updated.lastEventTime());
            noteCounted(user, product, Double.NaN);
            return updated.withInWindow(true);
        }
        while (true) {
            final int at = window.oldest();
            final long oldest = window.product(at);
            final UserProductKey oldestKey = new UserProductKey(user, oldest);
            final InteractionStats oldestStats = store.get(oldestKey);
            if (oldestStats.lastEventTime() != window.time(at)) {
                // recorded when it entered, touched since: kept corrected, so it is looked up once
                window.setTime(at, oldestStats.lastEventTime());
                windows.put(user, oldest, oldestStats.lastEventTime());
                continue;
            }
            if (!CoOccurrence.newer(updated.lastEventTime(), product, oldestStats.lastEventTime(), oldest)) {
                return updated;
            }
            windows.remove(user, oldest);
            windows.put(user, product, updated.lastEventTime());
            store.put(oldestKey, oldestStats.withInWindow(false));
            noteCounted(user, oldest, oldestStats.strengthSum());
            noteCounted(user, product, Double.NaN);
            return updated.withInWindow(true);
        }
    }

    /** Notes a change of the product's part in the user's contribution, if the product is kept. */
    private void noteCounted(final long user, final long product, final double before) {
        if (appliedSet.contains(product)) {
            gramPending.note(user, product, before);
        }
    }

    /** The clock's popularity flush: while a backlog waits, only every {@code popularityBacklogFlushInterval}. */
    private void onPopularityTimer(final long now) {
        if (lastPopularityFlush != Long.MIN_VALUE && now - lastPopularityFlush < popularityBacklogFlushMillis
                && backlogged()) {
            return;
        }
        lastPopularityFlush = now;
        flushPopularity(now);
    }

    private void flushPopularity(final long now) {
        final List<KeyValue<Long, ProductTotals>> pending = new ArrayList<>();
        try (KeyValueIterator<Long, ProductTotals> it = deltas.all()) {
            it.forEachRemaining(pending::add);
        }
        for (final KeyValue<Long, ProductTotals> entry : pending) {
            context.forward(new Record<>(entry.key, entry.value, now));
            deltas.delete(entry.key);
        }
    }

    /**
     * The clock's Gram flush: skipped while a backlog waits (the {@code maxPending} flush then runs),
     * unless the task has never applied a kept set: until it does it notes no change, so no
     * {@code maxPending} flush would ever come.
     */
    private void onGramTimer(final long now) {
        if (applied.length > 0 && backlogged()) {
            return;
        }
        flushGram(now);
    }

    /** Whether at least {@code flushBacklog} records wait in the task's input (never with {@code flushBacklog} 0). */
    private boolean backlogged() {
        return flushBacklog > 0 && backlog.waiting(context.taskId()) >= flushBacklog;
    }

    private void flushGram(final long now) {
        if (!gramPending.byUser().isEmpty()) {
            final long started = System.nanoTime();
            final int users = gramPending.byUser().size();
            final int pending = gramPending.size();
            final GramBuilder changes = new GramBuilder();
            final PostingBuilder postings = new PostingBuilder();
            gramPending.byUser().forEach((user, before) -> {
                final List<UserInteraction> counted = counted(user, windows.read(user), appliedSet);
                changes.addChange(counted, before);
                postings.addChange(user, counted, before);
            });
            final int rows = forward(changes, now);
            forward(postings, now);
            gramPending.clear();
            logStep(System.nanoTime() - started, "item Gram flushed: {} changes of {} users, {} rows", pending, users,
                    rows);
        }
        if ((lastKeptApply == Long.MIN_VALUE || now - lastKeptApply >= keptIntervalMillis)
                && (applied.length == 0 || !backlogged())) {
            applyKept(now);
        }
    }

    /**
     * The products of the user's window among {@code kept}, with their current stats, ascending. From
     * {@link #RANGE_READ_FROM} products on they are read with one range scan of the user's entries,
     * from the first to the last of them (entries are ordered by product): one seek instead of a
     * lookup each, which costs the most once {@code user-interactions} outgrows RocksDB's cache. The
     * scan stops after {@link #RANGE_READ_SLACK} entries per product wanted (the user's other products
     * in between) and looks up the rest one by one, so the cost stays O(window) whatever the user's
     * history.
     */
    private List<UserInteraction> counted(final long user, final UserWindow window, final Set<Long> kept) {
        final long[] wanted = new long[window.size()];
        int n = 0;
        for (int i = 0; i < window.size(); i++) {
            if (kept.contains(window.product(i))) {
                wanted[n++] = window.product(i);
            }
        }
        final List<UserInteraction> counted = new ArrayList<>(n);
        Arrays.sort(wanted, 0, n);
        int found = 0;
        if (n >= RANGE_READ_FROM) {
            final long budget = (long) RANGE_READ_SLACK * n;
            long visited = 0;
            try (KeyValueIterator<UserProductKey, InteractionStats> it = store.range(
                    new UserProductKey(user, wanted[0]), new UserProductKey(user, wanted[n - 1]))) {
                while (found < n && visited < budget && it.hasNext()) {
                    final KeyValue<UserProductKey, InteractionStats> entry = it.next();
                    visited++;
                    if (entry.key.productId() == wanted[found]) {
                        counted.add(UserInteraction.of(wanted[found], entry.value));
                        found++;
                    } else if (entry.key.productId() > wanted[found]) {
                        break; // not where it should be: the lookups below settle it
                    }
                }
            }
        }
        for (; found < n; found++) {
            counted.add(UserInteraction.of(wanted[found], store.get(new UserProductKey(user, wanted[found]))));
        }
        return counted;
    }

    /**
     * Brings the task's contributions from the kept set it counted over to the one published now:
     * for every user whose window holds a product that entered or left, the change of the user's
     * contribution. One scan of the task's windows, when {@link KeptTurns} gives the task its turn.
     */
    private void applyKept(final long now) {
        final long[] target = publishedKept();
        if (Arrays.equals(target, applied)) {
            return;
        }
        final long started = System.nanoTime();
        if (!keptTurns.tryStart(context.taskId(), started)) {
            LOG.debug("Task {}: kept set changed; another task re-applies its own, this one tries again on its next "
                    + "flush", context.taskId());
            return;
        }
        try {
            applyKept(now, target, started);
        } finally {
            keptTurns.end(System.nanoTime());
        }
    }

    private void applyKept(final long now, final long[] target, final long started) {
        lastKeptApply = now;
        final Set<Long> targetSet = setOf(target);
        final GramBuilder changes = new GramBuilder();
        final PostingBuilder postings = new PostingBuilder();
        final int[] users = {0};
        final int[] scanned = {0};
        windows.forEach((user, window) -> {
            scanned[0]++;
            final Map<Long, Double> before = new HashMap<>();
            for (int i = 0; i < window.size(); i++) {
                final long product = window.product(i);
                final boolean kept = targetSet.contains(product);
                final boolean was = appliedSet.contains(product);
                if (kept && !was) {
                    before.put(product, Double.NaN);
                } else if (was && !kept) {
                    before.put(product, store.get(new UserProductKey(user, product)).strengthSum());
                }
            }
            if (!before.isEmpty()) {
                final List<UserInteraction> counted = counted(user, window, targetSet);
                changes.addChange(counted, before);
                postings.addChange(user, counted, before);
                users[0]++;
            }
        });
        forward(changes, now);
        forward(postings, now);
        logStep(System.nanoTime() - started, "item Gram contributions moved to {} kept products ({} before): {} "
                + "users' windows scanned, {} changed", target.length, applied.length, scanned[0], users[0]);
        gramPending.setApplied(target);
        setApplied(target);
    }

    /**
     * Logs a step of the stream thread: at INFO if it took {@link #SLOW_STEP_MILLIS} or more (it held the
     * thread, and every event behind it, that long), else at DEBUG; prefixed with the task and the time.
     */
    private void logStep(final long nanos, final String what, final Object... args) {
        final long millis = nanos / 1_000_000;
        final Object[] all = new Object[args.length + 2];
        all[0] = context.taskId();
        all[1] = millis;
        System.arraycopy(args, 0, all, 2, args.length);
        if (millis >= SLOW_STEP_MILLIS) {
            LOG.info("Task {} in {} ms: " + what, all);
        } else {
            LOG.debug("Task {} in {} ms: " + what, all);
        }
    }

    /** The kept set every task should count over: the keys of the global {@code item-gram-kept}, ascending. */
    private long[] publishedKept() {
        final List<Long> kept = new ArrayList<>();
        try (KeyValueIterator<Long, ?> it = keptStore.all()) {
            it.forEachRemaining(entry -> kept.add(entry.key));
        }
        return kept.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Forwards the row changes; returns how many rows. */
    private int forward(final GramBuilder changes, final long now) {
        final Map<Long, GramRow> rows = changes.rows();
        for (final Map.Entry<Long, GramRow> row : rows.entrySet()) {
            context.forward(new Record<>(row.getKey(), row.getValue(), now));
        }
        return rows.size();
    }

    private void forward(final PostingBuilder postings, final long now) {
        for (final Map.Entry<Long, PostingChanges> product : postings.changes().entrySet()) {
            context.forward(new Record<>(product.getKey(), product.getValue(), now));
        }
    }

    private void setApplied(final long[] products) {
        applied = products;
        appliedSet = setOf(products);
    }

    private static Set<Long> setOf(final long[] products) {
        final Set<Long> set = new HashSet<>(products.length * 2);
        for (final long product : products) {
            set.add(product);
        }
        return set;
    }
}
