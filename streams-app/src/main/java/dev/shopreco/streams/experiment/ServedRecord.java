package dev.shopreco.streams.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a {@code reco.served} value (the API's {@code ServedEvent} as JSON) into a {@link ServedList}.
 * The attribution only needs {@code id, user_id, products, experiment, variant, rule, as_of} and,
 * optionally, {@code weights}; anything else is ignored. The text is read as strictly as a session
 * event ({@link StrictJson}: one value, no duplicate key, finite numbers).
 */
public final class ServedRecord {

    /** What a served record is to the attribution. */
    public sealed interface Read permits InExperiment, Outside, Invalid {
    }

    /** A list served within an experiment. */
    public record InExperiment(ServedList list) implements Read {
    }

    /** A valid answer outside any experiment (the caller chose the model): not counted. */
    public record Outside() implements Read {
    }

    /** Not something the attribution can use, and why. */
    public record Invalid(RejectReason reason, String detail) implements Read {
    }

    private ServedRecord() {
    }

    /** Reads {@code text}; never throws. */
    public static Read read(final String text) {
        if (text == null) {
            return new Invalid(RejectReason.MISSING_FIELD, "no value");
        }
        final Parsed<JsonNode> parsed = StrictJson.read(text);
        if (parsed instanceof Parsed.Invalid<JsonNode> invalid) {
            return new Invalid(invalid.reason(), invalid.detail());
        }
        final JsonNode root = ((Parsed.Valid<JsonNode>) parsed).value();
        if (!root.isObject()) {
            return new Invalid(RejectReason.NOT_AN_OBJECT, "a served record is a JSON object");
        }
        final JsonNode experiment = root.get("experiment");
        if (experiment == null || experiment.isNull()) {
            return new Outside();
        }
        final StringBuilder problem = new StringBuilder();
        final String id = text(root, "id", problem);
        final String variant = text(root, "variant", problem);
        final String rule = text(root, "rule", problem);
        final long userId = number(root, "user_id", problem);
        final long asOf = number(root, "as_of", problem);
        if (!experiment.isTextual() || experiment.asText().isBlank()) {
            problem.append("experiment is not a name; ");
        }
        final JsonNode products = root.get("products");
        final List<Long> ids = new ArrayList<>();
        if (products == null || !products.isArray()) {
            problem.append("products is not an array; ");
        } else {
            for (final JsonNode product : products) {
                if (!product.canConvertToLong() || !product.isIntegralNumber()) {
                    problem.append("products holds a non-integer; ");
                    break;
                }
                ids.add(product.asLong());
            }
        }
        Map<String, Double> weights = null;
        final JsonNode weightNode = root.get("weights");
        if (weightNode != null && !weightNode.isNull()) {
            if (!weightNode.isObject()) {
                problem.append("weights is not an object; ");
            } else {
                weights = new TreeMap<>();
                for (final Map.Entry<String, JsonNode> entry : weightNode.properties()) {
                    if (!entry.getValue().isNumber()) {
                        problem.append("weight of ").append(entry.getKey()).append(" is not a number; ");
                    }
                    weights.put(entry.getKey(), entry.getValue().asDouble());
                }
            }
        }
        if (!problem.isEmpty()) {
            final String detail = problem.substring(0, problem.length() - 2);
            return new Invalid(detail.contains("missing") ? RejectReason.MISSING_FIELD : RejectReason.WRONG_TYPE,
                    detail);
        }
        if (userId <= 0) {
            return new Invalid(RejectReason.INVALID_ID, "user_id must be positive, got " + userId);
        }
        return new InExperiment(new ServedList(id, userId, experiment.asText(), variant, rule, weights,
                List.copyOf(ids), asOf, false, false));
    }

    private static String text(final JsonNode root, final String field, final StringBuilder problem) {
        final JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problem.append(field).append(" is missing; ");
            return null;
        }
        if (!node.isTextual()) {
            problem.append(field).append(" is not text; ");
            return null;
        }
        return node.asText();
    }

    private static long number(final JsonNode root, final String field, final StringBuilder problem) {
        final JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problem.append(field).append(" is missing; ");
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problem.append(field).append(" is not an integer; ");
            return 0;
        }
        return node.asLong();
    }
}
