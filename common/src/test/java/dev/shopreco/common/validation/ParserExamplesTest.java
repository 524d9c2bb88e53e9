package dev.shopreco.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.SessionEvent;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzzing of {@link ParserFuzzTest} (or its exploration by hand) found mishandled, shrunk
 * and kept, and the defects of the issue that asked for strict parsing, for every parser.
 */
class ParserExamplesTest {

    private static final List<Function<String, Parsed<?>>> PARSERS = List.of(
            SessionEventParser.DEFAULT::parse, CatalogParser::product, CatalogParser::user);

    private static void assertRefusedByAll(final String text, final RejectReason reason) {
        for (final Function<String, Parsed<?>> parser : PARSERS) {
            final Parsed<?> parsed = parser.apply(text);
            assertInstanceOf(Parsed.Invalid.class, parsed, text);
            assertEquals(reason, ((Parsed.Invalid<?>) parsed).reason(), ((Parsed.Invalid<?>) parsed).detail());
        }
    }

    /** Jackson's BigDecimal reader threw a bare NumberFormatException for an exponent beyond an int. */
    @Test
    void shouldRefuseAnExponentBeyondAnIntInsteadOfThrowing() {
        assertRefusedByAll(ParserFuzzTest.withField(ParserFuzzTest.EVENT, "session_id", "1e9999999999"),
                RejectReason.NUMBER_OUT_OF_RANGE);
        assertRefusedByAll(ParserFuzzTest.withField(ParserFuzzTest.PRODUCT, "price", "1e-9999999999"),
                RejectReason.NUMBER_OUT_OF_RANGE);
    }

    /** Shrunk: a non-numeric token after the value was reported as a number problem, not as trailing content. */
    @Test
    void shouldRefuseNaNAfterTheValueAsMalformed() {
        assertRefusedByAll(ParserFuzzTest.EVENT + "  NaN", RejectReason.MALFORMED_JSON);
        assertRefusedByAll(ParserFuzzTest.PRODUCT + "  -Infinity", RejectReason.MALFORMED_JSON);
    }

    /** Shrunk: a 1,001-digit number after the value was reported as too long a number. */
    @Test
    void shouldRefuseAnOverlongNumberAfterTheValueAsMalformed() {
        assertRefusedByAll(ParserFuzzTest.EVENT + "  " + "9".repeat(1001), RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldRefuseANumberBeyondADoubleInAnUnusedField() {
        assertRefusedByAll(ParserFuzzTest.withField(ParserFuzzTest.PRODUCT, "price", "1e400"),
                RejectReason.NUMBER_OUT_OF_RANGE);
        assertRefusedByAll(ParserFuzzTest.withField(ParserFuzzTest.USER, "name", "-1e400"),
                RejectReason.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void shouldRefuseDuplicateKeysInAnyParser() {
        assertRefusedByAll("{\"product_id\":18,\"product_id\":19,\"user_id\":18,\"user_id\":19}", RejectReason.DUPLICATE_KEY);
        // nested too: the record is ambiguous wherever the key is
        assertRefusedByAll(ParserFuzzTest.withField(ParserFuzzTest.USER, "city", "{\"a\":1,\"a\":2}"),
                RejectReason.DUPLICATE_KEY);
    }

    @Test
    void shouldRefuseDeepNestingButAcceptTheLimit() {
        final String atLimit = "[".repeat(StrictJson.MAX_NESTING_DEPTH - 1) + "1" + "]".repeat(StrictJson.MAX_NESTING_DEPTH - 1);
        assertInstanceOf(Parsed.Valid.class, SessionEventParser.DEFAULT.parse(
                ParserFuzzTest.withField(ParserFuzzTest.EVENT, "purchase_id", "null").replace("}", ",\"x\":" + atLimit + "}")));
        final String beyond = "[" + atLimit + "]";
        assertRefusedByAll(ParserFuzzTest.USER.replace("}", ",\"x\":" + beyond + "}"), RejectReason.TOO_DEEPLY_NESTED);
    }

    @Test
    void shouldStillReadIdsWrittenAsIntegralFractionsExactly() {
        final Parsed<SessionEvent> parsed = SessionEventParser.DEFAULT.parse(
                ParserFuzzTest.withField(ParserFuzzTest.EVENT, "user_id", "9007199254740993.0"));
        // beyond 2^53 a double would have rounded it to ...992
        assertEquals(9_007_199_254_740_993L, ((Parsed.Valid<SessionEvent>) parsed).value().userId());
    }

    @Test
    void shouldTurnAParserExceptionIntoAProcessingFailedRefusal() {
        final Parsed<Object> parsed = Parsed.guarded(text -> {
            throw new IllegalStateException("a defect");
        }, "{}");
        final Parsed.Invalid<Object> invalid = (Parsed.Invalid<Object>) parsed;
        assertEquals(RejectReason.PROCESSING_FAILED, invalid.reason());
        assertInstanceOf(IllegalStateException.class, invalid.error());
    }
}
