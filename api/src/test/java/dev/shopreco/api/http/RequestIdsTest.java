package dev.shopreco.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void newIdsAreSixteenHexDigitsAndNeverRepeat() {
        final RequestIds ids = new RequestIds();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            final String id = ids.next();
            assertTrue(id.matches("[0-9a-f]{16}"), id);
            assertTrue(seen.add(id), "repeated " + id);
        }
    }

    @Test
    void theScrambleIsABijectionOfFortyBits() {
        final Set<Long> images = new HashSet<>();
        for (long v = 0; v < 100_000; v++) {
            final long image = RequestIds.mix(v);
            assertEquals(0, image >>> 40, "stays within 40 bits");
            images.add(image);
        }
        assertEquals(100_000, images.size());
    }

    @Test
    void keepsOnlyShortVisibleAsciiIdsOfClients() {
        assertTrue(RequestIds.usable("shop-trace-42"));
        assertTrue(RequestIds.usable("a".repeat(RequestIds.MAX_LENGTH)));
        assertFalse(RequestIds.usable("a".repeat(RequestIds.MAX_LENGTH + 1)));
        assertFalse(RequestIds.usable(""));
        assertFalse(RequestIds.usable(null));
        assertFalse(RequestIds.usable("two words"));
        assertFalse(RequestIds.usable("line\nbreak"));
        assertFalse(RequestIds.usable("été"));
    }
}
