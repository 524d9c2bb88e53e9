package dev.shopreco.common.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.model.RejectReason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Strict readers for the fields of one JSON record. Each throws {@link FieldException} with the
 * reason and the field name, so that a parser reads as a list of fields.
 */
final class JsonFields {

    /** Records larger than this are refused before parsing (a session event is about 170 bytes). */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    /** Digits of {@code Long.MAX_VALUE}: an integer with more is out of range without converting it. */
    private static final int MAX_LONG_DIGITS = 19;

    private JsonFields() {
    }

    /** Thrown when a field is absent, null or of the wrong type. */
    static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;
        private final RejectReason reason;

        FieldException(final RejectReason reason, final String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        RejectReason reason() {
            return reason;
        }
    }

    /**
     * Parses {@code text} as one JSON object, refusing oversized input before reading it, and
     * everything {@link StrictJson} refuses.
     */
    static ObjectNode object(final String text) throws FieldException {
        if (text == null || text.isBlank()) {
            throw new FieldException(RejectReason.MALFORMED_JSON, "empty record");
        }
        if (text.length() > MAX_RECORD_BYTES / 4
                && text.getBytes(StandardCharsets.UTF_8).length > MAX_RECORD_BYTES) {
            throw new FieldException(RejectReason.OVERSIZED,
                    "record is larger than " + MAX_RECORD_BYTES + " bytes");
        }
        final Parsed<JsonNode> parsed = StrictJson.read(text);
        if (parsed instanceof Parsed.Invalid<JsonNode> invalid) {
            throw new FieldException(invalid.reason(), invalid.detail());
        }
        final JsonNode node = ((Parsed.Valid<JsonNode>) parsed).value();
        if (!node.isObject()) {
            throw new FieldException(RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    static boolean isAbsent(final ObjectNode object, final String field) {
        final JsonNode node = object.get(field);
        return node == null || node.isNull();
    }

    /** A required positive integer id. */
    static long requiredId(final ObjectNode object, final String field) throws FieldException {
        if (isAbsent(object, field)) {
            throw new FieldException(RejectReason.MISSING_FIELD, field + " is missing");
        }
        return id(object.get(field), field);
    }

    /** An optional positive integer id: null when absent or null. */
    static Long optionalId(final ObjectNode object, final String field) throws FieldException {
        return isAbsent(object, field) ? null : id(object.get(field), field);
    }

    /** An optional integer: null when absent or null. */
    static Integer optionalInt(final ObjectNode object, final String field) throws FieldException {
        if (isAbsent(object, field)) {
            return null;
        }
        final long value = integral(object.get(field), field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + " is out of range: " + object.get(field));
        }
        return (int) value;
    }

    /** A required, non-blank text field. */
    static String requiredText(final ObjectNode object, final String field) throws FieldException {
        if (isAbsent(object, field)) {
            throw new FieldException(RejectReason.MISSING_FIELD, field + " is missing");
        }
        final JsonNode node = object.get(field);
        if (!node.isTextual()) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + " must be text, got " + node.getNodeType());
        }
        if (node.asText().isBlank()) {
            throw new FieldException(RejectReason.MISSING_FIELD, field + " is empty");
        }
        return node.asText();
    }

    /** An unused descriptive text field: kept if it is text, otherwise null (never a reason to refuse). */
    static String lenientText(final ObjectNode object, final String field) {
        final JsonNode node = object.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** An unused numeric field: kept if it is a number, otherwise null (never a reason to refuse). */
    static Double lenientNumber(final ObjectNode object, final String field) {
        final JsonNode node = object.get(field);
        return node != null && node.isNumber() ? node.asDouble() : null;
    }

    private static long id(final JsonNode node, final String field) throws FieldException {
        final long value = integral(node, field);
        if (value <= 0) {
            throw new FieldException(RejectReason.INVALID_ID, field + " must be positive, got " + node);
        }
        return value;
    }

    private static long integral(final JsonNode node, final String field) throws FieldException {
        if (!node.isNumber()) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + " must be an integer, got "
                    + node.getNodeType() + " " + abbreviate(node.toString()));
        }
        if (!Double.isFinite(node.doubleValue())) {
            throw new FieldException(RejectReason.NUMBER_OUT_OF_RANGE, field + " is beyond a double's range: "
                    + abbreviate(node.toString()));
        }
        // pandas writes ids as 123.0 once a column held a NaN: accept integral fractions, refuse 1.5. The
        // digit count is checked before any conversion, so 1e-999999999 or 1e300 cost no more than 1.5.
        final BigDecimal decimal = node.decimalValue().stripTrailingZeros();
        if (decimal.scale() > 0) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + " must be an integer, got " + abbreviate(node.toString()));
        }
        if ((long) decimal.precision() - decimal.scale() > MAX_LONG_DIGITS) {
            throw new FieldException(RejectReason.INVALID_ID, field + " is out of range: " + abbreviate(node.toString()));
        }
        try {
            return decimal.longValueExact();
        } catch (final ArithmeticException e) {
            throw new FieldException(RejectReason.INVALID_ID, field + " is out of range: " + abbreviate(node.toString()));
        }
    }

    static String abbreviate(final String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
