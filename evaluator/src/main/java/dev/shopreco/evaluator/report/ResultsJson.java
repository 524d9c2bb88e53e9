package dev.shopreco.evaluator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.json.Json;
import dev.shopreco.evaluator.protocol.EvaluationResult;
import dev.shopreco.evaluator.protocol.ModelResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code results.json}: every figure and the run's parameters. Top-level keys: {@code protocol},
 * {@code leaks_test_set}, {@code users}, {@code test_pairs}, {@code models} (name to headline figures),
 * {@code served} (the models the API serves), {@code k} and {@code curves} (name to figure to the
 * values for K = 1..max_k), {@code counts}, {@code parameters}, {@code snapshot}.
 */
public final class ResultsJson {

    public static final String FILE_NAME = "results.json";

    private ResultsJson() {
    }

    /** The JSON tree of {@code result}. */
    public static ObjectNode tree(final EvaluationResult result) {
        final ObjectMapper mapper = Json.mapper();
        final ObjectNode root = mapper.createObjectNode();
        root.put("protocol", result.protocol());
        root.put("leaks_test_set", result.leaksTestSet());
        root.put("users", result.users());
        root.put("test_pairs", result.testPairs());
        final ObjectNode models = root.putObject("models");
        final ArrayNode served = mapper.createArrayNode();
        final ObjectNode curves = mapper.createObjectNode();
        for (final Map.Entry<String, ModelResult> model : result.models().entrySet()) {
            final ObjectNode figures = models.putObject(model.getKey());
            model.getValue().metrics().forEach(figures::put);
            if (model.getValue().served()) {
                served.add(model.getKey());
            }
            final ObjectNode modelCurves = curves.putObject(model.getKey());
            model.getValue().curves().forEach((name, values) -> {
                final ArrayNode array = modelCurves.putArray(name);
                for (final double value : values) {
                    array.add(value);
                }
            });
        }
        root.set("served", served);
        final ArrayNode ks = root.putArray("k");
        for (int k = 1; k <= result.maxK(); k++) {
            ks.add(k);
        }
        root.set("curves", curves);
        root.set("counts", mapper.valueToTree(result.counts()));
        root.set("parameters", mapper.valueToTree(result.parameters()));
        root.set("snapshot", mapper.valueToTree(result.snapshot().asMap()));
        return root;
    }

    /** Writes {@code DIR/results.json} and returns its path. */
    public static Path write(final EvaluationResult result, final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), tree(result));
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
