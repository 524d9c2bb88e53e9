package dev.shopreco.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventTimeExtractorTest {

    private static final long RECORD_TIME = 1_000L;
    private final EventTimeExtractor extractor = new EventTimeExtractor();

    private long extract(final String value) {
        final ConsumerRecord<Object, Object> record = new ConsumerRecord<>("shop.sessions", 0, 0, RECORD_TIME,
                TimestampType.CREATE_TIME, 0, 0, "1", value,
                new RecordHeaders(), Optional.empty());
        return extractor.extract(record, 7L);
    }

    @Test
    void readsTheShopsLocalTimeAsUtc() {
        assertEquals(Instant.parse("2021-01-04T04:50:58Z").toEpochMilli(),
                extract("{\"session_id\":1,\"timestamp\":\"2021-01-04T04:50:58\",\"user_id\":2}"));
        assertEquals(Instant.parse("2021-01-04T04:50:58.250Z").toEpochMilli(),
                extract("{\"timestamp\":\"2021-01-04T04:50:58.250\"}"));
    }

    @Test
    void convertsAnExplicitOffsetToUtc() {
        assertEquals(Instant.parse("2021-01-04T03:50:58Z").toEpochMilli(),
                extract("{\"nested\":{\"timestamp\":\"x\"},\"timestamp\":\"2021-01-04T04:50:58+01:00\"}"));
    }

    @Test
    void fallsBackToTheRecordTimestampWhenTheTimeCannotBeRead() {
        assertEquals(RECORD_TIME, extract("not json"));
        assertEquals(RECORD_TIME, extract("{\"timestamp\":\"2021-02-30T04:50:58\"}"));
        assertEquals(RECORD_TIME, extract("{\"timestamp\":12}"));
    }

    @Test
    void keepsTheTimeWithinWhatABrokerAccepts() {
        assertEquals(0L, extract("{\"timestamp\":\"1969-12-31T23:59:59\"}"));
        final long before = System.currentTimeMillis();
        final long future = extract("{\"timestamp\":\"2999-01-01T00:00:00\"}");
        assertTrue(future >= before && future <= System.currentTimeMillis(), "clamped to the wall clock");
    }
}
