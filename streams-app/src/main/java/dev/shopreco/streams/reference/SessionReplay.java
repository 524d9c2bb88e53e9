package dev.shopreco.streams.reference;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/design.md §1 steps 2-4 over session records in arrival order, with the topology's session rules
 * (see {@code SessionCleaner}), written out plainly over in-memory maps:
 * a record that fails validation or has no product is refused; a session's user is that of the
 * first event naming one; events before it wait and are released in event-time order; a session
 * is over once the highest event time seen is more than the gap past its last event.
 *
 * <p>The "highest event time seen" is global here and per partition in the topology. For input in
 * event-time order (what the producer sends) both equal the current event's time, so the results
 * agree; for out-of-order input they agree on one partition (the {@code TopologyTestDriver}).
 */
final class SessionReplay {

    private final ReferenceOptions options;
    private final long gapMillis;
    private final Map<Long, Segment> open = new LinkedHashMap<>();
    private final List<Interaction> interactions = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final List<Rejected> pending = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private long recovered;

    /** A session while it is open. */
    private static final class Segment {
        private Long user;
        private long last;
        private final List<Arrival> waiting = new ArrayList<>();

        Segment(final long time) {
            this.last = time;
        }
    }

    SessionReplay(final ReferenceOptions options) {
        this.options = options;
        this.gapMillis = options.sessionGap().toMillis();
    }

    void accept(final Arrival arrival) {
        if (arrival.parsed() instanceof Parsed.Invalid<SessionEvent> invalid) {
            rejected.add(rejection(invalid.reason(), invalid.detail(), arrival));
            return;
        }
        final SessionEvent event = ((Parsed.Valid<SessionEvent>) arrival.parsed()).value();
        final long time = event.epochMillis();
        watermark = Math.max(watermark, time);
        if (event.productId() == null) {
            rejected.add(rejection(RejectReason.MISSING_PRODUCT_ID, "product_id is missing", arrival));
            return;
        }
        Segment segment = open.get(event.sessionId());
        if (segment != null && watermark - segment.last > gapMillis) {
            close(event.sessionId(), segment, rejected);
            segment = null;
        }
        if (segment == null) {
            segment = new Segment(time);
            open.put(event.sessionId(), segment);
        }
        segment.last = Math.max(segment.last, time);
        if (segment.user != null) {
            if (event.userId() == null) {
                recovered++;
                emit(event.withUserId(segment.user));
            } else {
                emit(event);
            }
        } else if (event.userId() != null) {
            final List<SessionEvent> released = new ArrayList<>();
            for (final Arrival waiting : segment.waiting) {
                released.add(((Parsed.Valid<SessionEvent>) waiting.parsed()).value().withUserId(event.userId()));
            }
            recovered += released.size();
            released.add(event);
            released.sort(Comparator.comparing(SessionEvent::timestamp));
            released.forEach(this::emit);
            segment.user = event.userId();
            segment.waiting.clear();
        } else {
            segment.waiting.add(arrival);
        }
    }

    /** End of input: sessions past the gap (or all, if so configured) are over; the rest stay pending. */
    void finish() {
        open.forEach((session, segment) -> {
            if (options.closeOpenSessions() || watermark - segment.last > gapMillis) {
                close(session, segment, rejected);
            } else {
                close(session, segment, pending);
            }
        });
        open.clear();
    }

    private void close(final long session, final Segment segment, final List<Rejected> into) {
        for (final Arrival waiting : segment.waiting) {
            into.add(rejection(RejectReason.UNRESOLVED_USER, "no event of session " + session
                    + " named a user within " + options.sessionGap() + " of its last event", waiting));
        }
    }

    private void emit(final SessionEvent event) {
        interactions.add(options.weights().weigh(event));
    }

    private static Rejected rejection(final RejectReason reason, final String detail, final Arrival arrival) {
        return new Rejected(reason, detail, "topology", Names.TOPIC_SESSIONS, arrival.offset(), arrival.text());
    }

    List<Interaction> interactions() {
        return interactions;
    }

    List<Rejected> rejected() {
        return rejected;
    }

    List<Rejected> pending() {
        return pending;
    }

    long recovered() {
        return recovered;
    }
}
