package dev.shopreco.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsIsoAndMicronautsUnitsAlike() {
        assertEquals(Duration.ofSeconds(5), Durations.parse("PT5S"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(Duration.ofMillis(100), Durations.parse("PT0.1S"));
        assertEquals(Duration.ofMillis(100), Durations.parse("100ms"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofHours(2), Durations.parse(" 2h "));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofDays(1), Durations.parse("P1D"));
        assertEquals(Duration.ofNanos(7), Durations.parse("7ns"));
        assertEquals(Duration.ofNanos(7000), Durations.parse("7us"));
        assertEquals(Duration.ofSeconds(-3), Durations.parse("-3s"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("pt5s"), "java.time's own case rules");
    }

    @Test
    void refusesNeitherFormWithAnExample() {
        for (final String bad : new String[] {"5", "5x", "five seconds", "5u", "", "1.5s"}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
            assertTrue(e.getMessage().contains("10s") && e.getMessage().contains("PT10S"), e.getMessage());
        }
    }

    @Test
    void variablesNameTheSettingInEveryError() {
        final Variables v = Variables.of(Map.of("GAP", "soon", "N", "x", "F", "yes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.duration("GAP")).getMessage().startsWith("GAP"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.number("N")).getMessage().startsWith("N "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.flag("F")).getMessage().startsWith("F "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.number("MISSING")).getMessage()
                .contains("must be set"));
    }

    @Test
    void defaultsFillWhatIsMissingOrBlank() {
        final Variables v = Variables.of(Map.of("A", " ", "B", "3", "FAMILY_X_Y", "1"))
                .withDefaults(java.util.List.of(new Setting("A", "10s", ""), new Setting("B", "9", "")));
        assertEquals(Duration.ofSeconds(10), v.requiredDuration("A"));
        assertEquals(3, v.integer("B"));
        assertEquals(Map.of("x.y", "1"), v.family("FAMILY_"));
    }
}
