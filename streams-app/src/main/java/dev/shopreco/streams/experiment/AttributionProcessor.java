package dev.shopreco.streams.experiment;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.topology.DeadLetterMetrics;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Joins, per user, the lists served in an experiment with the events that follow them: a view of a
 * served product within {@code window} after the list's {@code as_of} time (event time, exclusive of
 * the start, inclusive of the end) clicks the list, a purchase converts it; each list counts once
 * for each. The join is symmetric, because a served record and the events it led to travel different
 * paths (the API's producer; the replay or the shop through the cleaning step) and either may arrive
 * first: served lists wait in {@code ab-served-lists}, one entry per list keyed by user and list id
 * (a user's lists are one key range), and recent events in {@code ab-recent-events}, keyed by user;
 * both are window stores whose retention is the window, so state is bounded by what happened within
 * one window and its grace ({@link ExperimentSettings}). One entry per list, not one per user and
 * instant: a served list's {@code as_of} is the shop's newest event time, which stands still while
 * no event arrives, so a client asking again and again would otherwise grow one entry (and its
 * changelog record) without bound, rewritten whole for every list, until the producer refuses the
 * record and the stream thread stops.
 *
 * <p>Emits, keyed by experiment, the change of the variant's counts (a new user exposed, a list
 * served, a list clicked or converted); a served record it cannot read goes to the dead-letter
 * topic with the reason. Answers outside any experiment are skipped.
 */
final class AttributionProcessor implements Processor<String, AttributionInput, String, AttributionOutcome> {

    static final String STAGE = DeadLetterMetrics.STAGE_AB_ATTRIBUTION;

    /** Between the user and the list id in a key: the smallest character, so a user's keys are one range. */
    private static final char SEPARATOR = '\u0000';
    /** The character after {@link #SEPARATOR}: {@code user + AFTER_USER} is past every key of the user's lists. */
    private static final char AFTER_USER = '\u0001';

    /** The task metric counting events too late to be kept ({@code late-ab-events-total}). */
    static final String LATE_EVENTS = "late-ab-events";

    private final long windowMillis;
    private final long retentionMillis;
    private ProcessorContext<String, AttributionOutcome> context;
    private WindowStore<String, ServedList> served;
    private WindowStore<String, RecentEvents> events;
    private KeyValueStore<String, String> exposed;
    private DeadLetterMetrics deadLetters;
    private Sensor lateEvents;
    /** The newest event time stored, the clock by which {@code ab-recent-events} drops what is too old. */
    private long newestEvent = Long.MIN_VALUE;

    AttributionProcessor(final long windowMillis, final long retentionMillis) {
        this.windowMillis = windowMillis;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void init(final ProcessorContext<String, AttributionOutcome> processorContext) {
        this.context = processorContext;
        this.served = processorContext.getStateStore(Names.STORE_AB_SERVED_LISTS);
        this.events = processorContext.getStateStore(Names.STORE_AB_RECENT_EVENTS);
        this.exposed = processorContext.getStateStore(Names.STORE_AB_EXPOSED_USERS);
        this.deadLetters = DeadLetterMetrics.in(processorContext.appConfigs());
        this.lateEvents = processorContext.metrics().addRateTotalSensor("shop-reco",
                "task-" + processorContext.taskId(), LATE_EVENTS, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(final Record<String, AttributionInput> record) {
        if (record.value() instanceof AttributionInput.Served s) {
            served(record, s.text());
        } else if (record.value() instanceof AttributionInput.Event e) {
            event(record, e.interaction());
        }
    }

    private void served(final Record<String, AttributionInput> record, final String text) {
        final ServedRecord.Read read = ServedRecord.read(text);
        if (read instanceof ServedRecord.Invalid invalid) {
            final long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
            deadLetters.record(STAGE, invalid.reason());
            context.forward(record.withKey(record.key() == null ? "" : record.key()).withValue(
                    new AttributionOutcome.Refused(new Rejected(invalid.reason(), invalid.detail(), STAGE,
                            Names.TOPIC_SERVED, offset, text))));
            return;
        }
        if (!(read instanceof ServedRecord.InExperiment in)) {
            return;
        }
        ServedList list = in.list();
        final String user = Long.toString(list.userId());
        final String key = listKey(user, list.id());
        if (served.fetch(key, list.asOf()) != null) {
            // the same served record again (a producer's retry, a replay of reco.served): counted once
            return;
        }
        try (WindowStoreIterator<RecentEvents> later = events.fetch(user, list.asOf() + 1, list.asOf() + windowMillis)) {
            while (later.hasNext()) {
                for (final RecentEvents.Event event : later.next().value.events()) {
                    list = attribute(list, event.productId(), event.purchase());
                }
            }
        }
        served.put(key, list, list.asOf());
        final String exposureKey = list.experiment() + '\u0000' + user;
        final long newUser = exposed.get(exposureKey) == null ? 1 : 0;
        if (newUser == 1) {
            exposed.put(exposureKey, list.variant());
        }
        emit(record, list, newUser, 1, list.clicked() ? 1 : 0, list.converted() ? 1 : 0);
    }

    private void event(final Record<String, AttributionInput> record, final Interaction interaction) {
        final String user = Long.toString(interaction.userId());
        final long time = interaction.timestamp().toInstant(ZoneOffset.UTC).toEpochMilli();
        final boolean purchase = interaction.eventType() == EventType.BUY_PRODUCT;
        newestEvent = Math.max(newestEvent, time);
        if (time > newestEvent - retentionMillis) {
            final RecentEvents atSameTime = events.fetch(user, time);
            final List<RecentEvents.Event> bundle = atSameTime == null ? new ArrayList<>()
                    : new ArrayList<>(atSameTime.events());
            bundle.add(new RecentEvents.Event(interaction.productId(), purchase, time));
            events.put(user, new RecentEvents(bundle), time);
        } else {
            // the window store would drop it as expired, but its changelog would still get the record
            lateEvents.record();
        }

        final List<KeyValue<Windowed<String>, ServedList>> changed = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, ServedList> open = served.fetch(user + SEPARATOR, user + AFTER_USER,
                time - windowMillis, time - 1)) {
            while (open.hasNext()) {
                final KeyValue<Windowed<String>, ServedList> entry = open.next();
                final ServedList before = entry.value;
                final ServedList after = attribute(before, interaction.productId(), purchase);
                if (after != before) {
                    emit(record, after, 0, 0, after.clicked() && !before.clicked() ? 1 : 0,
                            after.converted() && !before.converted() ? 1 : 0);
                    changed.add(KeyValue.pair(entry.key, after));
                }
            }
        }
        for (final KeyValue<Windowed<String>, ServedList> entry : changed) {
            served.put(entry.key.key(), entry.value, entry.key.window().start());
        }
    }

    /**
     * The key of a served list in {@code ab-served-lists}: the user, {@link #SEPARATOR}, the id. Keys
     * compare as their UTF-8 bytes, so a user's lists are the keys from {@code user + SEPARATOR} to
     * {@code user + AFTER_USER}, whatever the ids.
     */
    private static String listKey(final String user, final String listId) {
        return user + SEPARATOR + listId;
    }

    /** The list after an event on {@code product}: the same instance when nothing changes. */
    private static ServedList attribute(final ServedList list, final long product, final boolean purchase) {
        if (!list.products().contains(product)) {
            return list;
        }
        if (purchase) {
            return list.converted() ? list : list.withConversion();
        }
        return list.clicked() ? list : list.withClick();
    }

    private void emit(final Record<String, AttributionInput> record, final ServedList list, final long users,
            final long lists, final long clicked, final long converted) {
        context.forward(record.withKey(list.experiment()).withValue(new AttributionOutcome.Delta(
                new VariantDelta(list.experiment(), list.variant(), list.rule(), list.weights(), users, lists,
                        clicked, converted))));
    }

    @Override
    public void close() {
        context.metrics().removeSensor(lateEvents);
    }
}
