package dev.shopreco.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.shopreco.common.model.RejectReason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property-based fuzzing of the three parsers (QuickTheories): generated JSON with extreme numbers,
 * unicode, control characters, long strings, deep nesting, duplicate keys and trailing content,
 * and mutations of valid records. Every input is accepted or refused with a reason, never an
 * exception; and each kind of defect is refused with its own reason. A failure prints the shrunk
 * input and the seed; shrunk failures are kept as named examples in {@link ParserExamplesTest}.
 */
class ParserFuzzTest {

    /** Inputs per property: a few seconds for the class, so it runs in every build ({@code -Dparser.fuzz.examples=N}). */
    private static final int EXAMPLES = Integer.getInteger("parser.fuzz.examples", 300);
    private static final int SHRINK_CYCLES = 100;

    /** The parsers under test. */
    private static final List<Function<String, Parsed<?>>> PARSERS = List.of(
            SessionEventParser.DEFAULT::parse, CatalogParser::product, CatalogParser::user);

    static final String EVENT = "{\"session_id\":100,\"timestamp\":\"2021-01-04T04:50:58\",\"user_id\":101,"
            + "\"product_id\":1036,\"event_type\":\"BUY_PRODUCT\",\"offered_discount\":5,\"purchase_id\":7}";
    static final String PRODUCT = "{\"product_id\":1036,\"product_name\":\"Kamera\",\"category_path\":\"Sprzęt RTV;"
            + "Video;Kamery\",\"price\":99.5,\"user_rating\":4.1}";
    static final String USER = "{\"user_id\":101,\"name\":\"Anna Nowak\",\"city\":\"Kraków\",\"street\":\"ul. Długa 5\"}";
    private static final List<String> VALID = List.of(EVENT, PRODUCT, USER);

    private static QuickTheory theory() {
        // a bounded shrink: the inputs are long (20,000 characters, 5,000 levels) and each step re-generates them
        return qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES);
    }

    @Test
    void everyInputIsAcceptedOrRefusedWithAReason() {
        theory().forAll(anything()).checkAssert(text -> {
            for (final Function<String, Parsed<?>> parser : PARSERS) {
                final Parsed<?> parsed = parser.apply(text);
                assertNotNull(parsed, text);
                if (parsed instanceof Parsed.Invalid<?> invalid) {
                    assertNotNull(invalid.reason(), text);
                    assertNotNull(invalid.detail(), text);
                    assertEquals(null, invalid.error(), "validation itself failed on " + text);
                }
            }
        });
    }

    @Test
    void contentAfterTheValueIsMalformed() {
        theory().forAll(validRecord(), trailing()).checkAssert((valid, tail) -> assertRefused(valid + tail,
                // the size is checked first, before any reading
                (valid + tail).getBytes(StandardCharsets.UTF_8).length > JsonFields.MAX_RECORD_BYTES
                        ? RejectReason.OVERSIZED : RejectReason.MALFORMED_JSON));
    }

    @Test
    void aKeyTwiceIsADuplicateKey() {
        theory().forAll(validRecord(), plainValue(), keyIndex()).checkAssert((valid, value, index) -> {
            final List<String> keys = keys(valid);
            final String key = keys.get(index % keys.size());
            // the same key again, with any value, first or last
            final String twice = index % 2 == 0
                    ? "{\"" + key + "\":" + value + "," + valid.substring(1)
                    : valid.substring(0, valid.length() - 1) + ",\"" + key + "\":" + value + "}";
            assertRefused(twice, RejectReason.DUPLICATE_KEY);
        });
    }

    @Test
    void nestingBeyondTheLimitIsTooDeep() {
        theory().forAll(validRecord(), tooDeep()).checkAssert((valid, deep) -> assertRefused(
                valid.substring(0, valid.length() - 1) + ",\"extra\":" + deep + "}", RejectReason.TOO_DEEPLY_NESTED));
    }

    @Test
    void aNumberNoDoubleHoldsIsOutOfRangeInAnyField() {
        theory().forAll(validRecord(), overflowing(), keyIndex()).checkAssert((valid, number, index) -> {
            final List<String> keys = keys(valid);
            assertRefused(withField(valid, keys.get(index % keys.size()), number), RejectReason.NUMBER_OUT_OF_RANGE);
        });
    }

    /** The parsers that read {@code valid} all refuse {@code text} with {@code reason}. */
    private static void assertRefused(final String text, final RejectReason reason) {
        for (int i = 0; i < PARSERS.size(); i++) {
            final Parsed<?> parsed = PARSERS.get(i).apply(text);
            assertInstanceOf(Parsed.Invalid.class, parsed, text);
            assertEquals(reason, ((Parsed.Invalid<?>) parsed).reason(), ((Parsed.Invalid<?>) parsed).detail() + ": " + text);
        }
    }

    /** {@code valid} with the value of {@code key} replaced by {@code value} (the records are flat). */
    static String withField(final String valid, final String key, final String value) {
        final int start = valid.indexOf("\"" + key + "\":") + key.length() + 3;
        int end = start;
        if (valid.charAt(start) == '"') {
            end = valid.indexOf('"', start + 1) + 1;
        } else {
            while (valid.charAt(end) != ',' && valid.charAt(end) != '}') {
                end++;
            }
        }
        return valid.substring(0, start) + value + valid.substring(end);
    }

    private static List<String> keys(final String valid) {
        final List<String> keys = new ArrayList<>();
        for (final String part : valid.substring(1, valid.length() - 1).split(",\"")) {
            final String p = part.startsWith("\"") ? part.substring(1) : part;
            keys.add(p.substring(0, p.indexOf('"')));
        }
        return keys;
    }

    static Gen<String> validRecord() {
        return Generate.pick(VALID);
    }

    private static Gen<Integer> keyIndex() {
        return integers().between(0, 100);
    }

    /** Numbers no double holds: beyond 1.8e308, exponents beyond an int, 310 to 3,000 digits, NaN, Infinity. */
    static Gen<String> overflowing() {
        final Gen<String> sign = Generate.pick(List.of("", "-"));
        final Gen<String> mantissa = Generate.pick(List.of("1", "9.99", "1.0", "123456789012345678901234567890"));
        final Gen<String> huge = sign.zip(mantissa, integers().between(309, 100_000), (s, m, e) -> s + m + "e" + e);
        final Gen<String> exponentBeyondAnInt = longs().between(2_147_483_648L, Long.MAX_VALUE).map(e -> "1e" + e);
        final Gen<String> manyDigits = integers().between(310, 3000).map(n -> "9".repeat(n));
        return Generate.oneOf(huge, exponentBeyondAnInt, manyDigits,
                Generate.pick(List.of("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1E+400")));
    }

    /** Arrays or objects nested from just beyond the limit to 5,000 deep. */
    static Gen<String> tooDeep() {
        return integers().between(StrictJson.MAX_NESTING_DEPTH, 5_000).zip(Generate.booleans(), (depth, arrays) ->
                arrays ? "[".repeat(depth) + "1" + "]".repeat(depth) : "{\"k\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    static Gen<String> trailing() {
        return Generate.oneOf(Generate.pick(List.of("{\"session_id\":17}", " trailing", "{}", "[]", " 1", "\"x\"",
                        " null", "}", "]", ",", " {", "\u0000", "x")),
                jsonValue(2).map(v -> " " + v));
    }

    /** A well-formed scalar or empty container that no rule refuses by itself. */
    private static Gen<String> plainValue() {
        return Generate.oneOf(longs().all().map(x -> String.valueOf(x)),
                doubles().between(-1e300, 1e300).map(x -> String.valueOf(x)),
                strings().allPossible().ofLengthBetween(0, 20).map(t -> quoted(t)),
                Generate.pick(List.of("true", "false", "null", "[]", "{}")));
    }

    /** Any JSON value, or near-JSON, nested up to {@code depth}: extreme numbers, all of unicode. */
    static Gen<String> jsonValue(final int depth) {
        if (depth == 0) {
            return scalar();
        }
        return Generate.oneOf(scalar(), array(jsonValue(depth - 1)), object(jsonValue(depth - 1)));
    }

    private static Gen<String> scalar() {
        return Generate.oneOf(number(), string(), Generate.pick(List.of("true", "false", "null")));
    }

    private static Gen<String> number() {
        return Generate.oneOf(
                longs().all().map(x -> String.valueOf(x)),
                doubles().any().map(x -> String.valueOf(x)),
                SourceDslBig.bigIntegers(),
                integers().between(-400, 400).map(e -> "1e" + e),
                overflowing(),
                Generate.pick(List.of("-0", "0.0", "1.5", "123.0", "9223372036854775808", "-9223372036854775809",
                        "1e-9999999999", "0e999999999", "1e19", "01", "+1", ".5", "1.", "0x10", "1e", "--1")));
    }

    /** Escaped strings from all of unicode (lone surrogates included), raw control characters, long text. */
    private static Gen<String> string() {
        final Gen<String> anyChars = strings().allPossible().ofLengthBetween(0, 40);
        final Gen<String> controls = strings().betweenCodePoints(0, 0x20).ofLengthBetween(1, 5);
        final Gen<String> longText = strings().basicLatinAlphabet().ofLengthBetween(1000, 20_000);
        return Generate.oneOf(anyChars.map(t -> quoted(t)), controls.map(c -> "\"a" + c + "b\""),
                longText.map(t -> quoted(t)));
    }

    private static Gen<String> array(final Gen<String> element) {
        return lists().of(element).ofSizeBetween(0, 4).map(l -> "[" + String.join(",", l) + "]");
    }

    private static Gen<String> object(final Gen<String> element) {
        final Gen<String> key = Generate.oneOf(Generate.pick(List.of("session_id", "timestamp", "user_id", "product_id",
                "event_type", "offered_discount", "purchase_id", "category_path", "name")),
                strings().allPossible().ofLengthBetween(0, 8).map(t -> unquoted(t)));
        return lists().of(key.zip(element, (k, v) -> "\"" + k + "\":" + v)).ofSizeBetween(0, 8)
                .map(l -> "{" + String.join(",", l) + "}");
    }

    /** Any input: generated JSON values, mutated valid records, truncations, trailing content, random text. */
    static Gen<String> anything() {
        final Gen<String> mutated = validRecord().zip(keyIndex(), jsonValue(2), (valid, index, value) -> {
            final List<String> keys = keys(valid);
            return withField(valid, keys.get(index % keys.size()), value);
        });
        final Gen<String> truncated = validRecord().zip(integers().between(0, 200),
                (valid, cut) -> valid.substring(0, Math.min(cut, valid.length())));
        final Gen<String> withTrailing = validRecord().zip(trailing(), String::concat);
        final Gen<String> deep = validRecord().zip(tooDeep(),
                (valid, d) -> valid.substring(0, valid.length() - 1) + ",\"x\":" + d + "}");
        final Gen<String> randomText = strings().allPossible().ofLengthBetween(0, 200);
        return Generate.oneOf(jsonValue(3), object(jsonValue(2)), mutated, truncated, withTrailing, deep, randomText);
    }

    /** Big integers: up to 40 digits, past a long, short of a double's range. */
    private static final class SourceDslBig {
        static Gen<String> bigIntegers() {
            return integers().between(1, 40).zip(longs().all(), (digits, seed) ->
                    new BigInteger(digits * 4, new java.util.Random(seed)).toString());
        }
    }

    /** {@code text} as a JSON string literal with every character escaped where JSON requires it. */
    static String quoted(final String text) {
        return "\"" + unquoted(text) + "\"";
    }

    static String unquoted(final String text) {
        final StringBuilder out = new StringBuilder();
        for (final char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
