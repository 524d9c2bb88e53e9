package dev.shopreco.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {

    @Test
    void shouldReadUserIdsAndCounts() {
        assertEquals(551L, Params.userId("551"));
        assertEquals(0L, Params.userId("0"));
        assertEquals(Long.MAX_VALUE, Params.userId(Long.toString(Long.MAX_VALUE)));
        assertEquals(10, Params.count(null));
        assertEquals(1, Params.count("1"));
        assertEquals(100, Params.count("100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "-1", "1.5", "1e3", "+5", "9223372036854775808", "99999999999999999999999",
        "0x10", "١٢٣"})
    void shouldRefuseUserIdsThatAreNotNonNegativeLongs(final String text) {
        assertThrows(BadRequestException.class, () -> Params.userId(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.0", "1000", "99999999999", "\u0000", "\u0001\u0002", " \u0000 "})
    void shouldRefuseCountsOutsideOneToHundred(final String text) {
        assertThrows(BadRequestException.class, () -> Params.count(text));
    }

    @Test
    void shouldReadTheClientsEventTimeAsEpochMillisOrAnIsoDateTimeInUtc() {
        assertEquals(1_583_056_800_000L, Params.eventTime("1583056800000"));
        assertEquals(1_583_056_800_000L, Params.eventTime("2020-03-01T10:00:00"));
        assertEquals(null, Params.eventTime(null));
        assertEquals(null, Params.eventTime(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2020-03-01", "2020-03-01 10:00:00", "-5", "1999-12-31T23:59:59", "12",
        "2999-01-01T00:00:00", "99999999999999999999"})
    void shouldRefuseEventTimesThatAreUnreadableOrImplausible(final String text) {
        assertThrows(BadRequestException.class, () -> Params.eventTime(text));
    }

    @Test
    void shouldKeepErrorMessagesShortWhateverTheInput() {
        final BadRequestException e = assertThrows(BadRequestException.class, () -> Params.userId("x".repeat(10_000)));
        assertEquals(true, e.getMessage().length() < 120);
    }
}
