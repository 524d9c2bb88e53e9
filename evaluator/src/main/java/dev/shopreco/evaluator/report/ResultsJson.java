package dev.shopreco.evaluator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.json.Json;
import dev.shopreco.evaluator.bootstrap.Difference;
import dev.shopreco.evaluator.bootstrap.Interval;
import dev.shopreco.evaluator.bootstrap.Significance;
import dev.shopreco.evaluator.metrics.MetricKeys;
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
 * values for K = 1..max_k), {@code counts}, {@code parameters}, {@code snapshot}, and {@code bootstrap}
 * (the intervals and paired differences) unless resampling was off.
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
        if (result.significance() != null) {
            root.set("bootstrap", bootstrap(mapper, result.significance()));
        }
        return root;
    }

    private static ObjectNode bootstrap(final ObjectMapper mapper, final Significance significance) {
        final ObjectNode node = mapper.createObjectNode();
        node.put("method", Significance.METHOD);
        node.put("interval", "percentile: the (1 - confidence) / 2 and (1 + confidence) / 2 quantiles of the "
                + "resampled figures (type 7, linear between order statistics)");
        node.put("resamples", significance.settings().resamples());
        node.put("confidence", significance.settings().confidence());
        node.put("seed", significance.settings().seed());
        node.put("k", significance.k());
        final ObjectNode users = node.putObject("users");
        significance.users().forEach((suffix, n) -> users.put(variant(suffix), n));
        final ObjectNode intervals = node.putObject("intervals");
        significance.intervals().forEach((model, byKey) -> {
            final ObjectNode figures = intervals.putObject(model);
            byKey.forEach((key, interval) -> figures.set(key, pair(mapper, interval)));
        });
        final ObjectNode best = node.putObject("best_baseline");
        significance.bestBaseline().forEach((suffix, model) -> best.put(variant(suffix), model));
        final ArrayNode differences = node.putArray("differences");
        for (final Difference d : significance.differences()) {
            final ObjectNode item = differences.addObject();
            item.put("model", d.model());
            item.put("reference", d.reference());
            item.put("metric", d.metric());
            item.put("difference", d.difference());
            item.set("interval", pair(mapper, d.interval()));
            item.put("sign", d.interval().sign().label());
        }
        final ObjectNode curves = node.putObject("curves");
        significance.curves().forEach((model, byCurve) -> {
            final ObjectNode modelCurves = curves.putObject(model);
            byCurve.forEach((name, perK) -> {
                final ObjectNode bands = modelCurves.putObject(name);
                final ArrayNode low = bands.putArray("low");
                final ArrayNode high = bands.putArray("high");
                for (final Interval interval : perK) {
                    low.add(interval.low());
                    high.add(interval.high());
                }
            });
        });
        return node;
    }

    private static ArrayNode pair(final ObjectMapper mapper, final Interval interval) {
        return mapper.createArrayNode().add(interval.low()).add(interval.high());
    }

    /** {@code all} for the suffix "", {@code new} for ":new". */
    private static String variant(final String suffix) {
        return suffix.isEmpty() ? "all" : suffix.substring(MetricKeys.NEW.indexOf(':') + 1);
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
