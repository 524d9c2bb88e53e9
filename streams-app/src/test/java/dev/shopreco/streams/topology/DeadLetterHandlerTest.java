package dev.shopreco.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.json.JsonSerde;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** What the exception handler answers Kafka Streams, and the dead letter it hands over. */
class DeadLetterHandlerTest {

    /** The context Kafka Streams gives a handler: where the failing record came from. */
    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId,
            TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    }

    private static Context task(final String value) {
        return new Context(Names.TOPIC_SESSIONS, 1, 42, new RecordHeaders(), "clean-sessions", new TaskId(0, 1),
                1_600_000_000_000L, "17".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private final DeadLetterMetrics metrics = new DeadLetterMetrics();
    private final DeadLetterHandler handler = new DeadLetterHandler();

    DeadLetterHandlerTest() {
        handler.configure(Map.of(DeadLetterMetrics.CONFIG, metrics));
    }

    @Test
    void shouldResumeWithOneDeadLetterNamingTheExceptionWhenAProcessorFails() {
        final ProcessingExceptionHandler.Response response = handler.handleError(task("{\"session_id\":17}"),
                new Record<>("17", "{\"session_id\":17}", 0L), new IllegalStateException("a defect"));

        assertEquals(ProcessingExceptionHandler.Result.RESUME, response.result());
        final List<ProducerRecord<byte[], byte[]>> letters = response.deadLetterQueueRecords();
        assertEquals(1, letters.size());
        assertEquals(Names.TOPIC_REJECTED, letters.get(0).topic());
        assertEquals("17", new String(letters.get(0).key(), StandardCharsets.UTF_8));
        final Rejected rejected = JsonSerde.of(Rejected.class).deserialize(Names.TOPIC_REJECTED, letters.get(0).value());
        assertEquals(RejectReason.PROCESSING_FAILED, rejected.reason());
        assertEquals("topology", rejected.stage());
        assertEquals(Names.TOPIC_SESSIONS, rejected.source());
        assertEquals(42, rejected.line());
        assertEquals("{\"session_id\":17}", rejected.original());
        assertEquals(IllegalStateException.class.getName(), rejected.exception());
        assertEquals("a defect", rejected.exceptionMessage());
        assertTrue(rejected.detail().contains("clean-sessions"), rejected.detail());
        assertEquals(1, metrics.count("topology", RejectReason.PROCESSING_FAILED));
    }

    @Test
    void shouldFailOnlyWhenTheProcessItselfIsBroken() {
        assertEquals(ProcessingExceptionHandler.Result.FAIL, handler.handleError(task("x"), new Record<>("k", "x", 0L),
                new ProcessorStateException("the store cannot be written")).result());
        assertEquals(ProcessingExceptionHandler.Result.FAIL, handler.handleError(task("x"), new Record<>("k", "x", 0L),
                new RuntimeException("wrapped", new TopicAuthorizationException("not allowed"))).result());
        assertEquals(0, metrics.snapshot().size(), "nothing dead-lettered");
    }

    @Test
    void shouldSkipWithoutADeadLetterInTheGlobalThreadButCountIt() {
        final Context global = new Context(Names.TOPIC_POPULARITY, 0, 7, new RecordHeaders(), "popularity-all",
                new TaskId(-1, -1), 0L, null, new byte[] {1, 2, 3});
        final var response = handler.handleError(global,
                (org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>) null, new org.apache.kafka.common.errors.SerializationException(
                "Size of data received by DoubleDeserializer is not 8"));
        assertEquals(0, response.deadLetterQueueRecords().size(), "Kafka Streams 4.4 cannot send them from there");
        assertEquals(1, metrics.count(DeadLetterHandler.STAGE_GLOBAL, RejectReason.UNREADABLE_RECORD));
    }

    @Test
    void shouldCutALongOriginalAndSayWhereAPunctuationFailed() {
        final Context punctuation = new Context(null, -1, -1, null, "aggregate-user-interactions", new TaskId(1, 0),
                -1L, null, null);
        final Rejected rejected = JsonSerde.of(Rejected.class).deserialize(Names.TOPIC_REJECTED, handler
                .handleError(punctuation, (Record<?, ?>) null, new ArithmeticException("/ by zero")).deadLetterQueueRecords().get(0).value());
        assertEquals("a punctuation", rejected.source());
        assertNull(rejected.original());
        final String longText = "x".repeat(DeadLetterHandler.MAX_ORIGINAL_CHARS + 10);
        final Rejected cut = JsonSerde.of(Rejected.class).deserialize(Names.TOPIC_REJECTED, handler
                .handleError(task(longText), (Record<?, ?>) null, new IllegalStateException()).deadLetterQueueRecords().get(0).value());
        assertEquals(DeadLetterHandler.MAX_ORIGINAL_CHARS, cut.original().length());
        assertTrue(cut.detail().contains("original cut"), cut.detail());
    }
}
