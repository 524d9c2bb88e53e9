package dev.shopreco.streams.clean;

import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.streams.topology.DeadLetterMetrics;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Validates the records of a reference topic ({@code shop.products}, {@code shop.users}) as the
 * producer does ({@code CatalogParser}), so that a record written there by anyone else is refused
 * once, with its reason, instead of being stored and skipped by every reader:
 *
 * <ul>
 *   <li>a valid record keyed by its id (decimal text, as the producer keys it) goes on, its line
 *       unchanged, and into {@code store} if one is given;</li>
 *   <li>a tombstone (null value) goes on as a tombstone for its key, and deletes it from the store;</li>
 *   <li>anything else, a valid record under another key included (the topic is compacted by key, so
 *       the key must be the id), becomes a dead letter ({@link Checked.Refused}) naming the topic and
 *       offset.</li>
 * </ul>
 *
 * @param <T> the record type the parser reads
 */
public final class ReferenceCleaner<T> implements Processor<String, String, String, ReferenceCleaner.Checked> {

    /** The outcome of one record. */
    public sealed interface Checked {

        /** A valid line (null: a tombstone) for its id. */
        record Valid(String line) implements Checked {
        }

        /** A dead letter for {@code shop.sessions.rejected}. */
        record Refused(Rejected rejected) implements Checked {
        }
    }

    private final String topic;
    private final Function<String, Parsed<T>> parser;
    private final ToLongFunction<T> id;
    private final String storeName;
    private ProcessorContext<String, Checked> context;
    private KeyValueStore<String, String> store;
    private DeadLetterMetrics deadLetters;

    /**
     * @param topic     the topic read, named in dead letters
     * @param parser    reads one record
     * @param id        the id of a valid record
     * @param storeName a key-value store (id -> line) to keep valid records in, or null
     */
    public ReferenceCleaner(final String topic, final Function<String, Parsed<T>> parser, final ToLongFunction<T> id,
            final String storeName) {
        this.topic = topic;
        this.parser = parser;
        this.id = id;
        this.storeName = storeName;
    }

    @Override
    public void init(final ProcessorContext<String, Checked> processorContext) {
        this.context = processorContext;
        this.store = storeName == null ? null : processorContext.getStateStore(storeName);
        this.deadLetters = DeadLetterMetrics.in(processorContext.appConfigs());
    }

    @Override
    public void process(final Record<String, String> record) {
        if (record.value() == null) {
            if (record.key() == null) {
                refuse(record, RejectReason.MISSING_FIELD, "a record with neither key nor value");
                return;
            }
            if (store != null) {
                store.delete(record.key());
            }
            context.forward(record.withValue(new Checked.Valid(null)));
            return;
        }
        final Parsed<T> parsed = Parsed.guarded(parser, record.value());
        if (parsed instanceof Parsed.Valid<T> valid) {
            final String key = Long.toString(id.applyAsLong(valid.value()));
            if (!key.equals(record.key())) {
                refuse(record, RejectReason.INVALID_ID, "the record's key " + (record.key() == null ? "is missing"
                        : abbreviate(record.key()) + " is not its id " + key));
                return;
            }
            if (store != null) {
                store.put(key, record.value());
            }
            context.forward(record.withValue(new Checked.Valid(record.value())));
            return;
        }
        final Parsed.Invalid<T> invalid = (Parsed.Invalid<T>) parsed;
        refuse(record, invalid.reason(), invalid.detail());
    }

    private static String abbreviate(final String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private void refuse(final Record<String, String> record, final RejectReason reason, final String detail) {
        final long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        final Rejected rejected = new Rejected(reason, detail, DeadLetterMetrics.STAGE_TOPOLOGY, topic, offset,
                record.value());
        deadLetters.record(rejected.stage(), reason);
        context.forward(record.withKey(record.key() == null ? "" : record.key())
                .withValue(new Checked.Refused(rejected)));
    }
}
