package dev.shopreco.common.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shopreco.common.model.RejectReason;
import java.io.IOException;

/**
 * Reads one record's text as exactly one JSON value, or refuses it with a reason; never throws.
 *
 * <p>Stricter than the shared {@code Json.mapper()}, mostly with Jackson's own features: content after
 * the value ({@code {...}{...}}, {@code {...} x}, {@code {...} NaN}) is {@code MALFORMED_JSON}, whatever
 * that content is (the parser reads one value, then must find the end: Jackson's
 * {@code FAIL_ON_TRAILING_TOKENS} would report {@code {...} NaN} as a number problem); a key twice in one object
 * is {@code DUPLICATE_KEY} (the record would be ambiguous); nesting deeper than
 * {@link #MAX_NESTING_DEPTH} is {@code TOO_DEEPLY_NESTED}; {@code NaN}, {@code Infinity}, a number
 * beyond a double's range ({@code 1e400}) or longer than {@link #MAX_NUMBER_LENGTH} characters is
 * {@code NUMBER_OUT_OF_RANGE}. Fractions are read exactly ({@code BigDecimal}), so an id written as
 * {@code 123.0} reads as 123 and no digit is lost to a double.
 */
public final class StrictJson {

    /** Deepest nesting accepted: a record of the shop is at most two levels deep. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Longest number accepted, in characters (Jackson's default limit, stated here). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private StrictJson() {
    }

    /** {@code text} as one JSON value (any type; blank text is refused), or why not. */
    public static Parsed<JsonNode> read(final String text) {
        if (text == null || text.isBlank()) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, "empty record");
        }
        final JsonNode node;
        try (JsonParser parser = MAPPER.createParser(text)) {
            node = MAPPER.readTree(parser);
            if (node != null && !node.isMissingNode() && !onlyWhitespaceFollows(parser)) {
                return Parsed.invalid(RejectReason.MALFORMED_JSON, "content after the JSON value");
            }
        } catch (final StreamConstraintsException e) {
            // Jackson names the limit in the message; this class sets only these two
            return e.getOriginalMessage().contains("getMaxNestingDepth")
                    ? Parsed.invalid(RejectReason.TOO_DEEPLY_NESTED,
                            "nested deeper than " + MAX_NESTING_DEPTH + " levels")
                    : Parsed.invalid(RejectReason.NUMBER_OUT_OF_RANGE,
                            "a number is longer than " + MAX_NUMBER_LENGTH + " characters");
        } catch (final JsonProcessingException e) {
            final String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                return Parsed.invalid(RejectReason.DUPLICATE_KEY, message);
            }
            if (message != null && message.contains("ALLOW_NON_NUMERIC_NUMBERS")) {
                return Parsed.invalid(RejectReason.NUMBER_OUT_OF_RANGE, "not a finite number: "
                        + JsonFields.abbreviate(message));
            }
            return Parsed.invalid(RejectReason.MALFORMED_JSON, "not one JSON value: "
                    + JsonFields.abbreviate(String.valueOf(message)));
        } catch (final NumberFormatException e) {
            // Jackson's BigDecimal reader throws this, unwrapped, for an exponent beyond an int (1e9999999999)
            return Parsed.invalid(RejectReason.NUMBER_OUT_OF_RANGE, "a number's exponent is out of range");
        } catch (final IOException e) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, "not one JSON value: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return Parsed.invalid(RejectReason.MALFORMED_JSON, "empty record");
        }
        final JsonNode infinite = firstNonFinite(node);
        if (infinite != null) {
            return Parsed.invalid(RejectReason.NUMBER_OUT_OF_RANGE, "number " + JsonFields.abbreviate(infinite.toString())
                    + " is beyond a double's range");
        }
        return Parsed.valid(node);
    }

    /** Whether the parser is at the end of the text: anything else after the value, even unreadable, is not. */
    private static boolean onlyWhitespaceFollows(final JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (final IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The first number under {@code node} that no double can hold, or null (depth is bounded by the reader). */
    private static JsonNode firstNonFinite(final JsonNode node) {
        if (node.isNumber()) {
            return Double.isFinite(node.doubleValue()) ? null : node;
        }
        if (node.isContainerNode()) {
            for (final JsonNode child : node) {
                final JsonNode found = firstNonFinite(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
