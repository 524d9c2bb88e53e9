package dev.shopreco.streams.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopreco.common.json.JsonSerde;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RecentEventsFormatTest {

    private static final String TOPIC = "any";
    private static final RecentEvents EVENTS = new RecentEvents(List.of(
            new RecentEvents.Event(11, false, 1_609_459_200_000L), new RecentEvents.Event(-4, true, -1L)));

    @Test
    void keepsEveryEventInSeventeenBytes() {
        final byte[] bytes = RecentEvents.serde().serializer().serialize(TOPIC, EVENTS);
        assertEquals(1 + 2 * 17, bytes.length);
        assertEquals(EVENTS, RecentEvents.serde().deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void refusesATruncatedRecordAndJson() {
        final byte[] bytes = RecentEvents.serde().serializer().serialize(TOPIC, EVENTS);
        final byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(SerializationException.class,
                () -> RecentEvents.serde().deserializer().deserialize(TOPIC, truncated));
        final byte[] json = JsonSerde.of(RecentEvents.class).serialize(TOPIC, EVENTS);
        assertThrows(SerializationException.class, () -> RecentEvents.serde().deserializer().deserialize(TOPIC, json));
    }
}
