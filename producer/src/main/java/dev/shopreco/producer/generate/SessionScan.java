package dev.shopreco.producer.generate;

import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.SessionEvent;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One streaming pass over the session events. It recovers lost user ids the way the preparation
 * does (docs/design.md §1 step 3: from another event of the same session), holding only the sessions still
 * open, and accumulates per (user, product) strength in a {@link PairTable}. Memory is the open
 * sessions plus the pairs, not the events.
 */
final class SessionScan {

    static final double VIEW_STRENGTH = 1.0;
    static final double BUY_STRENGTH = 2.0;
    /** A session silent this long (event time) is closed; the shop's sessions last minutes. */
    private static final long SESSION_GAP_SECONDS = 6 * 3600;
    private static final int EVICT_EVERY = 10_000;

    /** An open session: its user once known, the events waiting for it, the products viewed so far. */
    private static final class Open {
        Long user;
        LocalDateTime last;
        long nullUserEvents;
        final List<Waiting> waiting = new ArrayList<>(2);
        final Set<Long> viewed = new HashSet<>();
    }

    /** An event with a product but no user, waiting for its session's user. */
    private record Waiting(long product, double strength, LocalDateTime ts) {
    }

    /** Events and repeat events of one calendar month, and its events per product. */
    static final class Month {
        long events;
        long repeats;
        final Map<Integer, Long> perProduct = new HashMap<>();
    }

    final Map<Long, Integer> userIndex = new HashMap<>();
    final Map<Long, Integer> productIndex;
    final PairTable pairs = new PairTable();
    final TreeMap<Integer, Month> months = new TreeMap<>();
    final Set<Long> productsSeen = new HashSet<>();
    private final Map<Long, Open> open = new HashMap<>();
    long events;
    long sessions;
    long purchases;
    long userNull;
    long productNull;
    long bothNull;
    long recoverable;
    long purchasesWithoutView;
    long outOfOrder;
    LocalDateTime first;
    LocalDateTime last;

    SessionScan(final Map<Long, Integer> productIndex) {
        this.productIndex = new HashMap<>(productIndex);
    }

    void accept(final SessionEvent e) {
        events++;
        final LocalDateTime ts = e.timestamp();
        if (last != null && ts.isBefore(last)) {
            outOfOrder++;
        }
        last = last == null || ts.isAfter(last) ? ts : last;
        first = first == null || ts.isBefore(first) ? ts : first;
        final boolean buy = e.eventType() == EventType.BUY_PRODUCT;
        purchases += buy ? 1 : 0;
        userNull += e.userId() == null ? 1 : 0;
        productNull += e.productId() == null ? 1 : 0;
        bothNull += e.userId() == null && e.productId() == null ? 1 : 0;
        if (e.productId() != null) {
            productsSeen.add(e.productId());
        }
        Open s = open.get(e.sessionId());
        if (s == null) {
            s = new Open();
            open.put(e.sessionId(), s);
            sessions++;
        }
        s.last = ts;
        if (e.productId() != null) {
            if (buy && !s.viewed.contains(e.productId())) {
                purchasesWithoutView++;
            } else if (!buy) {
                s.viewed.add(e.productId());
            }
        }
        final double strength = buy ? BUY_STRENGTH : VIEW_STRENGTH;
        if (e.userId() == null) {
            s.nullUserEvents++;
            if (e.productId() != null) {
                s.waiting.add(new Waiting(e.productId(), strength, ts));
            }
        } else {
            if (s.user == null) {
                s.user = e.userId();
                // the session's user is known now: what waited for it counts as of its own time
                for (final Waiting w : s.waiting) {
                    interaction(s.user, w.product(), w.strength(), w.ts());
                }
                s.waiting.clear();
            }
            if (e.productId() != null) {
                interaction(e.userId(), e.productId(), strength, ts);
            }
        }
        if (events % EVICT_EVERY == 0) {
            evictBefore(last.minusSeconds(SESSION_GAP_SECONDS));
        }
    }

    /** Closes every session; call once after the last event. */
    void finish() {
        evictBefore(LocalDateTime.MAX);
    }

    private void evictBefore(final LocalDateTime limit) {
        final Iterator<Open> it = open.values().iterator();
        while (it.hasNext()) {
            final Open s = it.next();
            if (s.last.isBefore(limit)) {
                recoverable += s.user != null ? s.nullUserEvents : 0;
                it.remove();
            }
        }
    }

    private void interaction(final long user, final long product, final double strength, final LocalDateTime ts) {
        final int u = userIndex.computeIfAbsent(user, k -> userIndex.size());
        final int p = productIndex.computeIfAbsent(product, k -> productIndex.size());
        final int month = ts.getYear() * 12 + ts.getMonthValue() - 1;
        final int firstMonth = pairs.add(u, p, strength, month);
        final Month m = months.computeIfAbsent(month, k -> new Month());
        m.events++;
        m.repeats += firstMonth != Integer.MIN_VALUE && firstMonth < month ? 1 : 0;
        m.perProduct.merge(p, 1L, Long::sum);
    }
}
