package dev.shopreco.evaluator.protocol;

import dev.shopreco.evaluator.bootstrap.Significance;
import dev.shopreco.evaluator.snapshot.SnapshotOrigin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one protocol on one snapshot: what {@code results.json}, the Markdown table and
 * the plots are made of. Holds nothing that depends on the clock or the thread count, so the same
 * snapshot and seed give the same result.
 *
 * @param protocol    {@code seed} or {@code temporal}
 * @param leaksTestSet whether the models saw the test part (the seed protocol, reproducing the original)
 * @param users       users evaluated
 * @param testPairs   distinct (user, product) pairs asked about
 * @param maxK        the curves run over K = 1..maxK
 * @param models      by name, in report order
 * @param counts      further sizes of the evaluation (rows per part, users of the "new" variant, ...)
 * @param parameters  the run's parameters (seed, shares, cut time, ...)
 * @param snapshot    where the interactions came from (offsets, file hash, folder)
 * @param significance the bootstrap's intervals and differences, or null when resampling is off
 */
public record EvaluationResult(String protocol, boolean leaksTestSet, long users, long testPairs, int maxK,
        Map<String, ModelResult> models, Map<String, Object> counts, Map<String, Object> parameters,
        SnapshotOrigin snapshot, Significance significance) {

    public EvaluationResult {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
