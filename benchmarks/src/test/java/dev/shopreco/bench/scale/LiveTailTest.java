package dev.shopreco.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The held-back tail of the scale command's live phase: the cut, the events after it, the replay speed. */
class LiveTailTest {

    private static String event(final int session, final String time) {
        return "{\"session_id\":" + session + ",\"timestamp\":\"" + time + "\",\"user_id\":101,\"product_id\":1001,"
                + "\"event_type\":\"VIEW_PRODUCT\",\"offered_discount\":0,\"purchase_id\":null}";
    }

    @Test
    void shouldCutBeforeTheLastEventsAndKeepEventsSharingTheCutsTime(@TempDir final Path data) throws IOException {
        final List<String> lines = new ArrayList<>();
        // out of order on purpose; one refused line, never counted
        lines.add(event(1, "2020-03-01T00:00:10"));
        lines.add(event(2, "2020-03-01T00:00:00"));
        lines.add("{not json");
        lines.add(event(3, "2020-03-01T00:01:40"));
        lines.add(event(4, "2020-03-01T00:00:20"));
        lines.add(event(5, "2020-03-01T00:00:20"));
        Files.write(data.resolve("sessions.jsonl"), lines);

        final LiveTail two = LiveTail.of(data, 2);
        assertEquals(LocalDateTime.parse("2020-03-01T00:00:20"), two.from());
        assertEquals(3, two.events(), "the event at the cut's second shares its time: held back too");
        assertEquals(Duration.ofSeconds(80), two.span());
        // 3 events over 80 s of event time at 30 events/s: 80 / (3 / 30) = 800 times real time
        assertEquals(800.0, two.speedFor(30), 1e-9);

        final LiveTail one = LiveTail.of(data, 1);
        assertEquals(LocalDateTime.parse("2020-03-01T00:01:40"), one.from());
        assertEquals(1, one.events());
        assertThrows(IllegalArgumentException.class, () -> LiveTail.of(data, 5), "all five: nothing left to replay first");
    }
}
