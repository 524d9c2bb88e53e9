package dev.shopreco.streams.clean;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import dev.shopreco.streams.clean.CleanOutcome.Accepted;
import dev.shopreco.streams.clean.CleanOutcome.Refused;
import dev.shopreco.streams.clean.SessionState.PendingEvent;
import dev.shopreco.streams.topology.DeadLetterMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The cleaning step (docs/design.md §1 steps 2-3, in the streaming form of §2), on {@code shop.sessions}
 * keyed by session, so all events of a session meet here.
 *
 * <ul>
 *   <li>Every record is validated by {@link SessionEventParser}, as the producer does: a record that
 *       fails (garbage bytes, null, wrong types) is refused with the parser's reason. Nothing throws.</li>
 *   <li>No {@code product_id}: refused ({@code MISSING_PRODUCT_ID}); such events count for nothing
 *       else, as the original dropped them before recovering users.</li>
 *   <li>The session's user is the user of the first event (in arrival order, which the producer makes
 *       event-time order) that names one. Events without a user take it; events that name their own
 *       user keep it. Events seen before the user is known wait in {@code session-state} and are
 *       released, in event-time order (ties in arrival order), with the event that names it.</li>
 *   <li>A session is over once the watermark (highest event time this task has parsed) is more than
 *       the gap past its last event: its waiting events are refused ({@code UNRESOLVED_USER}) and it is
 *       forgotten, so a later event with the same id starts afresh. Whether a session is over depends
 *       only on event times, never on when the sweep runs; the sweep only frees the state and emits the
 *       dead letters. It runs whenever the watermark has moved a sweep interval since the last one:
 *       on the watermark itself, not on Kafka Streams' stream time, which a record whose time cannot be
 *       read (taken from the record's timestamp) can move far ahead of the watermark; a stream-time
 *       sweep then ran too early to find anything idle, and the watermark's later moves, being behind
 *       that stream time, never triggered another (found by the reliability suite's bad-input test,
 *       3 runs in 18).</li>
 *   <li>Products missing from the catalog are kept (it may arrive later) and counted in the metric
 *       {@code unknown-product-events-total} (group {@code stream-shop-reco-metrics}).</li>
 * </ul>
 */
public final class SessionCleaner implements Processor<String, String, String, CleanOutcome> {

    private static final String WATERMARK_KEY = "watermark";

    private final long gapMillis;
    private final long sweepIntervalMillis;
    private final SessionEventParser parser;
    private ProcessorContext<String, CleanOutcome> context;
    private KeyValueStore<Long, SessionState> sessions;
    private KeyValueStore<String, Long> watermarks;
    private ReadOnlyKeyValueStore<String, ?> catalog;
    private Sensor unknownProducts;
    private DeadLetterMetrics deadLetters;
    private final ExpiryIndex expiry = new ExpiryIndex();
    private long watermark = Long.MIN_VALUE;
    /** The watermark at which the next sweep runs (the first event after a start sweeps). */
    private long nextSweep = Long.MIN_VALUE;

    /** A cleaner with this session {@code gap} and {@code sweepInterval}, validating with {@code parser}. */
    public SessionCleaner(final Duration gap, final Duration sweepInterval, final SessionEventParser parser) {
        this.gapMillis = gap.toMillis();
        this.sweepIntervalMillis = sweepInterval.toMillis();
        this.parser = parser;
    }

    @Override
    public void init(final ProcessorContext<String, CleanOutcome> processorContext) {
        this.context = processorContext;
        this.sessions = processorContext.getStateStore(Names.STORE_SESSION_STATE);
        this.watermarks = processorContext.getStateStore(Names.STORE_SESSION_WATERMARK);
        this.catalog = processorContext.getStateStore(Names.STORE_CATALOG);
        this.deadLetters = DeadLetterMetrics.in(processorContext.appConfigs());
        try (KeyValueIterator<Long, SessionState> it = sessions.all()) {
            it.forEachRemaining(entry -> expiry.put(entry.key, entry.value.lastEventTime()));
        }
        final Long stored = watermarks.get(WATERMARK_KEY);
        this.watermark = stored == null ? Long.MIN_VALUE : stored;
        this.unknownProducts = processorContext.metrics().addRateTotalSensor("shop-reco",
                "task-" + processorContext.taskId(), "unknown-product-events", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(final Record<String, String> record) {
        clean(record);
        if (watermark != Long.MIN_VALUE && watermark >= nextSweep) {
            sweep();
            nextSweep = watermark + sweepIntervalMillis;
        }
    }

    private void clean(final Record<String, String> record) {
        final long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        final Parsed<SessionEvent> parsed = parser.parse(record.value());
        if (parsed instanceof Parsed.Invalid<SessionEvent> invalid) {
            refuse(record.key(), invalid.reason(), invalid.detail(), offset, record.value(), record.timestamp());
            return;
        }
        final SessionEvent event = ((Parsed.Valid<SessionEvent>) parsed).value();
        final long eventTime = event.epochMillis();
        advanceWatermark(eventTime);
        if (event.productId() == null) {
            refuse(record.key(), RejectReason.MISSING_PRODUCT_ID, "product_id is missing", offset, record.value(),
                    eventTime);
            return;
        }
        if (catalog.get(Long.toString(event.productId())) == null) {
            unknownProducts.record();
        }
        SessionState state = sessions.get(event.sessionId());
        if (state != null && state.idleAt(watermark, gapMillis)) {
            expire(event.sessionId(), state);
            state = null;
        }
        if (state == null) {
            state = SessionState.start(eventTime);
        }
        if (state.userId() != null) {
            accept(event.userId() == null ? event.withUserId(state.userId()) : event);
            store(event.sessionId(), state.seen(eventTime));
        } else if (event.userId() != null) {
            release(state, event);
            store(event.sessionId(), state.resolved(event.userId(), eventTime));
        } else {
            store(event.sessionId(), state.waiting(new PendingEvent(offset, record.value()), eventTime));
        }
    }

    private void store(final long sessionId, final SessionState state) {
        sessions.put(sessionId, state);
        expiry.put(sessionId, state.lastEventTime());
    }

    /** Emits the waiting events and {@code trigger}, which names the user, in event-time order. */
    private void release(final SessionState state, final SessionEvent trigger) {
        final List<SessionEvent> events = new ArrayList<>(state.pending().size() + 1);
        for (final PendingEvent pending : state.pending()) {
            // it parsed when it arrived, so it parses again to the same event
            events.add(((Parsed.Valid<SessionEvent>) parser.parse(pending.original())).value()
                    .withUserId(trigger.userId()));
        }
        events.add(trigger);
        events.sort(Comparator.comparing(SessionEvent::timestamp));
        events.forEach(this::accept);
    }

    private void accept(final SessionEvent event) {
        context.forward(new Record<>(Long.toString(event.userId()), new Accepted(event),
                recordTime(event.epochMillis())));
    }

    private void sweep() {
        for (final Long sessionId : expiry.idleAt(watermark, gapMillis)) {
            final SessionState state = sessions.get(sessionId);
            if (state == null) {
                expiry.remove(sessionId);
            } else {
                expire(sessionId, state);
            }
        }
    }

    private void expire(final long sessionId, final SessionState state) {
        for (final PendingEvent pending : state.pending()) {
            refuse(Long.toString(sessionId), RejectReason.UNRESOLVED_USER, "no event of session " + sessionId
                    + " named a user within " + Duration.ofMillis(gapMillis) + " of its last event",
                    pending.offset(), pending.original(), watermark);
        }
        sessions.delete(sessionId);
        expiry.remove(sessionId);
    }

    private void advanceWatermark(final long eventTime) {
        if (eventTime > watermark) {
            watermark = eventTime;
            watermarks.put(WATERMARK_KEY, eventTime);
        }
    }

    private void refuse(final String key, final RejectReason reason, final String detail, final long offset,
            final String original, final long timestamp) {
        final Rejected rejected = new Rejected(reason, detail, DeadLetterMetrics.STAGE_TOPOLOGY, Names.TOPIC_SESSIONS,
                offset, original);
        deadLetters.record(rejected.stage(), reason);
        context.forward(new Record<>(key, new Refused(rejected), recordTime(timestamp)));
    }

    /**
     * The record timestamp of an output: the event time, kept within what a broker accepts. Kafka refuses
     * negative timestamps and, by default, timestamps more than an hour ahead of its clock
     * ({@code message.timestamp.after.max.ms}); an event dated 1969 or 2100 is still a valid event, and
     * a refused write would stop the instance. The event's own time stays in the value.
     */
    private long recordTime(final long eventTime) {
        return Math.max(0L, Math.min(eventTime, context.currentSystemTimeMs()));
    }

    @Override
    public void close() {
        context.metrics().removeSensor(unknownProducts);
    }
}
