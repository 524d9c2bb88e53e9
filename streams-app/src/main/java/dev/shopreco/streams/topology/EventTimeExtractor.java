package dev.shopreco.streams.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.shopreco.common.json.IsoLocalTime;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a {@code shop.sessions} record from its own {@code timestamp} field, read with
 * Jackson's streaming parser (it stops at the field; no tree is built). Records whose time cannot be
 * read (garbage, which the cleaning step refuses anyway) fall back to the record timestamp, which the
 * producer sets to the event time, then to the partition time.
 *
 * <p>Kept within what a broker accepts, because this time stamps everything written while the record
 * is processed (changelogs included): never negative (Kafka Streams drops such records, and an event
 * dated before 1970 is still an event) and never ahead of the wall clock (brokers refuse timestamps
 * more than {@code message.timestamp.after.max.ms}, by default an hour, ahead, which would stop the
 * instance). The event's own time, unclamped, is what the cleaning step reasons with.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        if (record.value() instanceof String text) {
            final long time = eventTime(text);
            if (time != Long.MIN_VALUE) {
                return bounded(time);
            }
        }
        return bounded(record.timestamp() >= 0 ? record.timestamp() : partitionTime);
    }

    private static long bounded(final long time) {
        return Math.max(0L, Math.min(time, System.currentTimeMillis()));
    }

    /** Epoch ms of the top-level {@code timestamp} field, or {@code Long.MIN_VALUE}. */
    static long eventTime(final String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("timestamp".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parse(parser.getText()) : Long.MIN_VALUE;
                }
                parser.skipChildren();
            }
            return Long.MIN_VALUE;
        } catch (final IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The same reading as {@code SessionEventParser} (both use {@link IsoLocalTime#parseUtcOrNull}). */
    private static long parse(final String text) {
        final LocalDateTime time = IsoLocalTime.parseUtcOrNull(text);
        return time == null ? Long.MIN_VALUE : time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
