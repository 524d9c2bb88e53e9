package dev.shopreco.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.SessionEvent;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionEventParserTest {

    private static String event(final String timestamp, final String userId) {
        return "{\"session_id\": 100000, \"timestamp\": " + timestamp + ", \"user_id\": " + userId
                + ", \"product_id\": 1036, \"event_type\": \"BUY_PRODUCT\", \"offered_discount\": 0, \"purchase_id\": 5}";
    }

    @Test
    void shouldReadTheSeedsExampleLine() {
        final SessionEvent e = ((Parsed.Valid<SessionEvent>) SessionEventParser.DEFAULT.parse(event("\"2021-01-04T04:50:58\"", "101"))).value();
        assertEquals(new SessionEvent(100000, LocalDateTime.of(2021, 1, 4, 4, 50, 58), 101L, 1036L, EventType.BUY_PRODUCT, 0, 5L), e);
    }

    @Test
    void shouldAcceptANullUserAndAPandasStyleIntegralFloat() {
        assertNull(((Parsed.Valid<SessionEvent>) SessionEventParser.DEFAULT.parse(event("\"2021-01-04T04:50:58\"", "null"))).value().userId());
        assertEquals(101L, ((Parsed.Valid<SessionEvent>) SessionEventParser.DEFAULT.parse(event("\"2021-01-04T04:50:58\"", "101.0"))).value().userId());
    }

    @Test
    void shouldConvertAnExplicitOffsetToUtcAndAcceptFractions() {
        assertEquals(LocalDateTime.of(2021, 1, 4, 3, 50, 58), ((Parsed.Valid<SessionEvent>) SessionEventParser.DEFAULT
                .parse(event("\"2021-01-04T04:50:58+01:00\"", "101"))).value().timestamp());
        assertEquals(LocalDateTime.of(2021, 1, 4, 4, 50, 58, 500_000_000), ((Parsed.Valid<SessionEvent>) SessionEventParser.DEFAULT
                .parse(event("\"2021-01-04T04:50:58.5\"", "101"))).value().timestamp());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"session_id\": 1, \"timestamp\": \"2021-01-04T04:50:58\"|MALFORMED_JSON",
        "''|MALFORMED_JSON",
        "[1,2]|NOT_AN_OBJECT",
        "{\"timestamp\": \"2021-01-04T04:50:58\", \"event_type\": \"VIEW_PRODUCT\"}|MISSING_FIELD",
        "{\"session_id\": \"1\", \"timestamp\": \"2021-01-04T04:50:58\", \"event_type\": \"VIEW_PRODUCT\"}|WRONG_TYPE",
        "{\"session_id\": 1.5, \"timestamp\": \"2021-01-04T04:50:58\", \"event_type\": \"VIEW_PRODUCT\"}|WRONG_TYPE",
        "{\"session_id\": -1, \"timestamp\": \"2021-01-04T04:50:58\", \"event_type\": \"VIEW_PRODUCT\"}|INVALID_ID",
        "{\"session_id\": 1e30, \"timestamp\": \"2021-01-04T04:50:58\", \"event_type\": \"VIEW_PRODUCT\"}|INVALID_ID",
        "{\"session_id\": 1, \"timestamp\": \"2021-02-30T04:50:58\", \"event_type\": \"VIEW_PRODUCT\"}|BAD_TIMESTAMP",
        "{\"session_id\": 1, \"timestamp\": \"04.01.2021\", \"event_type\": \"VIEW_PRODUCT\"}|BAD_TIMESTAMP",
        "{\"session_id\": 1, \"timestamp\": 1609735858, \"event_type\": \"VIEW_PRODUCT\"}|WRONG_TYPE",
        "{\"session_id\": 1, \"timestamp\": \"2021-01-04T04:50:58\", \"event_type\": \"RETURN_PRODUCT\"}|UNKNOWN_EVENT_TYPE",
        "{\"session_id\": 1, \"timestamp\": \"2100-01-01T00:00:00\", \"event_type\": \"VIEW_PRODUCT\"}|FUTURE_TIMESTAMP",
        "{\"session_id\": 1, \"timestamp\": \"+999999999-12-31T23:59:59\", \"event_type\": \"VIEW_PRODUCT\"}|FUTURE_TIMESTAMP",
        "{\"session_id\": 1, \"timestamp\": \"2021-01-04T04:50:58\", \"event_type\": \"VIEW_PRODUCT\", \"product_id\": \"x\"}|WRONG_TYPE",
    })
    void shouldRefuseWithTheRightReason(final String line, final RejectReason reason) {
        final Parsed<SessionEvent> parsed = SessionEventParser.DEFAULT.parse(line);
        assertInstanceOf(Parsed.Invalid.class, parsed, line);
        assertEquals(reason, ((Parsed.Invalid<SessionEvent>) parsed).reason(), ((Parsed.Invalid<SessionEvent>) parsed).detail());
    }

    @Test
    void shouldAcceptAnEventDatedNowAndRefuseOneBeyondTheBound() {
        final LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
        assertInstanceOf(Parsed.Valid.class, SessionEventParser.DEFAULT.parse(event("\"" + now + "\"", "101")));
        assertInstanceOf(Parsed.Valid.class, SessionEventParser.DEFAULT.parse(event("\"" + now.plusHours(23) + "\"", "101")));
        assertEquals(RejectReason.FUTURE_TIMESTAMP, ((Parsed.Invalid<SessionEvent>) SessionEventParser.DEFAULT
                .parse(event("\"" + now.plusHours(25) + "\"", "101"))).reason());
    }

    @Test
    void shouldRefuseOnlyBeyondItsOwnBound() {
        final LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
        final SessionEventParser sixHours = new SessionEventParser(java.time.Duration.ofHours(6));
        assertEquals(java.time.Duration.ofHours(6), sixHours.maxAhead());
        assertInstanceOf(Parsed.Valid.class, sixHours.parse(event("\"" + now.plusHours(5) + "\"", "101")));
        assertEquals(RejectReason.FUTURE_TIMESTAMP, ((Parsed.Invalid<SessionEvent>) sixHours
                .parse(event("\"" + now.plusHours(7) + "\"", "101"))).reason());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SessionEventParser(java.time.Duration.ofHours(-1)));
    }

    @Test
    void shouldRefuseAnOversizedRecordBeforeParsingIt() {
        final String huge = "{\"session_id\": 1, \"pad\": \"" + "x".repeat(70_000) + "\"}";
        assertEquals(RejectReason.OVERSIZED, ((Parsed.Invalid<SessionEvent>) SessionEventParser.DEFAULT.parse(huge)).reason());
    }

    /** Issue case 1: a number that overflows a double threw NumberFormatException and aborted the replay. */
    @Test
    void shouldRefuseAUserOrProductIdThatOverflowsADoubleInsteadOfThrowing() {
        assertEquals(RejectReason.NUMBER_OUT_OF_RANGE, ((Parsed.Invalid<SessionEvent>) SessionEventParser.DEFAULT
                .parse(event("\"2021-01-04T04:50:58\"", "1e400"))).reason());
        assertEquals(RejectReason.NUMBER_OUT_OF_RANGE, ((Parsed.Invalid<SessionEvent>) SessionEventParser.DEFAULT
                .parse(event("\"2021-01-04T04:50:58\"", "101").replace("1036", "1e400"))).reason());
    }

    /** Issue case 2: content after the first object was ignored. */
    @Test
    void shouldRefuseTrailingContentAsMalformed() {
        final String valid = event("\"2021-01-04T04:50:58\"", "101");
        assertEquals(RejectReason.MALFORMED_JSON, ((Parsed.Invalid<SessionEvent>) SessionEventParser.DEFAULT
                .parse(valid + "{\"session_id\":17}")).reason());
        assertEquals(RejectReason.MALFORMED_JSON, ((Parsed.Invalid<SessionEvent>) SessionEventParser.DEFAULT
                .parse(valid + " trailing")).reason());
        assertInstanceOf(Parsed.Valid.class, SessionEventParser.DEFAULT.parse("  " + valid + " \t\r\n"));
    }

    /** Issue case 3: the last of two values of a key won silently. */
    @Test
    void shouldRefuseADuplicatedKey() {
        final String twice = event("\"2021-01-04T04:50:58\"", "101").replace("{", "{\"session_id\": 18, ");
        assertEquals(RejectReason.DUPLICATE_KEY, ((Parsed.Invalid<SessionEvent>) SessionEventParser.DEFAULT.parse(twice)).reason());
    }
}
