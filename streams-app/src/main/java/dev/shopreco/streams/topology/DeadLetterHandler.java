package dev.shopreco.streams.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' processing and deserialization exception handler for the topology: a record that a
 * processor fails on, or whose bytes the topic's serde cannot read, becomes one dead letter on
 * {@code shop.sessions.rejected} and processing goes on with the next record. The dead letter is
 * the project's {@link Rejected} JSON (reason {@code PROCESSING_FAILED} or {@code UNREADABLE_RECORD},
 * stage {@code topology}, the source topic and offset, the record's original text, the exception's
 * class and message), handed back to Kafka Streams in the handler's response (KIP-1034), so it is
 * written by the task's producer in the task's transaction: under exactly-once it is there once,
 * together with the offset commit that skips the record.
 *
 * <p>The handler fails (the thread stops and is replaced, and health reports it) only for errors
 * that mean the process itself is broken, not the record: a state store that cannot be written or
 * read, and an authentication or authorization failure.
 *
 * <p>Global tables: Kafka Streams 4.4 cannot send dead letters from the global thread, which every
 * instance runs over the same records; there the record is skipped, logged and counted (stage
 * {@code global}) without a dead letter. The topology reads the user-facing topics of its global
 * tables as text (nothing fails there) and writes the others itself.
 */
public final class DeadLetterHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {

    /** The stage of records skipped by the global thread (counted, no dead letter). */
    public static final String STAGE_GLOBAL = "global";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    /** Text of the original kept in a dead letter, as the producer's. */
    public static final int MAX_ORIGINAL_CHARS = 16_384;

    private DeadLetterMetrics metrics = new DeadLetterMetrics();

    @Override
    public void configure(final Map<String, ?> configs) {
        this.metrics = DeadLetterMetrics.in(configs);
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
            final Exception exception) {
        if (fatal(exception)) {
            LOG.error("Processor {} failed on {}-{}@{} with an error of the process, not of the record; failing the task",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        final Rejected rejected = rejected(RejectReason.PROCESSING_FAILED, "processor " + context.processorNodeId()
                + " failed on the record", context, exception);
        return global(context, rejected, exception) ? ProcessingExceptionHandler.Response.resume()
                : ProcessingExceptionHandler.Response.resume(deadLetter(context, rejected));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(final ErrorHandlerContext context,
            final ConsumerRecord<byte[], byte[]> record, final Exception exception) {
        final Rejected rejected = rejected(RejectReason.UNREADABLE_RECORD, "the serde of " + context.topic()
                + " cannot read the record", context, exception);
        return global(context, rejected, exception) ? DeserializationExceptionHandler.Response.resume()
                : DeserializationExceptionHandler.Response.resume(deadLetter(context, rejected));
    }

    /** Whether the exception is about the process, not the record: failing is the only honest answer. */
    static boolean fatal(final Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProcessorStateException || t instanceof InvalidStateStoreException
                    || t instanceof AuthorizationException || t instanceof AuthenticationException) {
                return true;
            }
        }
        return false;
    }

    /** In the global thread (task id -1_-1) no dead letter can be sent: log and count instead. */
    private boolean global(final ErrorHandlerContext context, final Rejected rejected, final Exception exception) {
        if (context.taskId() != null && context.taskId().subtopology() >= 0) {
            return false;
        }
        metrics.record(STAGE_GLOBAL, rejected.reason());
        LOG.warn("Global table {} skipped the record at {}-{}@{}: {} ({})", context.processorNodeId(), context.topic(),
                context.partition(), context.offset(), rejected.detail(), exception.toString());
        return true;
    }

    private Rejected rejected(final RejectReason reason, final String detail, final ErrorHandlerContext context,
            final Exception exception) {
        final byte[] raw = context.sourceRawValue();
        final String text = raw == null ? null : new String(raw, StandardCharsets.UTF_8);
        final String original = text != null && text.length() > MAX_ORIGINAL_CHARS
                ? text.substring(0, MAX_ORIGINAL_CHARS) : text;
        final String cut = original == text ? "" : " (original cut to " + MAX_ORIGINAL_CHARS + " of " + text.length()
                + " chars)";
        final String where = context.topic() == null ? "a punctuation" : context.topic();
        return Rejected.failed(reason, detail + " (task " + context.taskId() + ")" + cut, DeadLetterMetrics.STAGE_TOPOLOGY,
                where, context.offset(), original, exception);
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(final ErrorHandlerContext context, final Rejected rejected) {
        metrics.record(rejected.stage(), rejected.reason());
        LOG.warn("Dead letter for {}-{}@{}: {} {}", context.topic(), context.partition(), context.offset(),
                rejected.reason(), rejected.detail());
        final byte[] value;
        try {
            value = Json.mapper().writeValueAsBytes(rejected);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a dead letter as JSON", e);
        }
        // a broker refuses timestamps far ahead of its clock; a record's own may be anything
        final long timestamp = Math.max(0L, Math.min(context.timestamp(), System.currentTimeMillis()));
        return List.of(new ProducerRecord<>(Names.TOPIC_REJECTED, null, timestamp, context.sourceRawKey(), value));
    }
}
