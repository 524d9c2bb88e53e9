package dev.shopreco.streams.experiment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a {@code reco.served} record: its {@code as_of} field (the shop's event time when the
 * list was served), not the record's wall-clock timestamp. In a replay the two differ by years; with
 * the wall clock, Kafka Streams (which processes the lowest timestamp first) would hold every served
 * record back until the replayed events were drained, and a served record would advance stream
 * time far past the events. A record without a readable {@code as_of} gets the partition's time (it
 * is refused downstream), never the wall clock.
 */
public final class ServedTimeExtractor implements TimestampExtractor {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        if (record.value() instanceof String text) {
            final long asOf = asOf(text);
            if (asOf >= 0) {
                return Math.min(asOf, System.currentTimeMillis());
            }
        }
        return partitionTime >= 0 ? partitionTime : Math.max(0L, record.timestamp());
    }

    /** The top-level {@code as_of} as a non-negative integer, or -1. */
    static long asOf(final String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("as_of".equals(field)) {
                    return value == JsonToken.VALUE_NUMBER_INT ? Math.max(-1L, parser.getLongValue()) : -1;
                }
                parser.skipChildren();
            }
            return -1;
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
    }
}
