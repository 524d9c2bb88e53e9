package dev.shopreco.api.reco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnswerIdsTest {

    @Test
    void shouldGiveVersion4UuidsThatNeverRepeatWithinAnInstance() {
        final AnswerIds ids = new AnswerIds();
        final Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 500_000; i++) {
            final UUID id = ids.next();
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            assertTrue(seen.add(id), "repeated id " + id);
            assertEquals(id, UUID.fromString(id.toString()));
        }
    }

    @Test
    void shouldMixTheCounterBijectivelySoConsecutiveIdsLookUnrelated() {
        final Set<Long> images = new HashSet<>();
        for (long v = 0; v < 200_000; v++) {
            final long mixed = AnswerIds.mix(v);
            assertTrue(mixed >= 0 && mixed < 1L << 62, "stays in 62 bits");
            assertTrue(images.add(mixed), "no two counters share an image");
        }
        // near the top of the range too, where a truncating mix would collide
        for (long v = (1L << 62) - 100_000; v < 1L << 62; v++) {
            assertTrue(images.add(AnswerIds.mix(v)));
        }
        final AnswerIds ids = new AnswerIds();
        final String a = ids.next().toString();
        final String b = ids.next().toString();
        assertNotEquals(a.substring(24), b.substring(24));
        assertTrue(Long.bitCount(AnswerIds.mix(1) ^ AnswerIds.mix(2)) > 10, "one step flips many bits");
    }

    @Test
    void shouldDrawADifferentHighHalfPerInstance() {
        assertNotEquals(new AnswerIds(new SecureRandom()).next().getMostSignificantBits(),
                new AnswerIds(new SecureRandom()).next().getMostSignificantBits());
    }
}
