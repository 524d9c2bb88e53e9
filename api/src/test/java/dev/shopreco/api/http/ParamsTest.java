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
    void shouldKeepErrorMessagesShortWhateverTheInput() {
        final BadRequestException e = assertThrows(BadRequestException.class, () -> Params.userId("x".repeat(10_000)));
        assertEquals(true, e.getMessage().length() < 120);
    }
}
