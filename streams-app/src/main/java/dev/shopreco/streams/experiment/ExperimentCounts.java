package dev.shopreco.streams.experiment;

import dev.shopreco.common.json.JsonSerde;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * The counts of one experiment, the value of {@code ab-experiment-counts} (keyed by the experiment's
 * name, so one instance owns each experiment and its read-out is complete).
 *
 * @param experiment the name
 * @param rule       the routing rule of the latest served record
 * @param weights    the configured weights of the latest served record (null for a rule without weights)
 * @param variants   variant -> counts, by name
 */
public record ExperimentCounts(String experiment, String rule, Map<String, Double> weights,
        Map<String, VariantCounts> variants) {

    private static final Serde<ExperimentCounts> SERDE = JsonSerde.of(ExperimentCounts.class);

    public static Serde<ExperimentCounts> serde() {
        return SERDE;
    }

    /** Nothing counted yet. */
    public static ExperimentCounts empty() {
        return new ExperimentCounts(null, null, null, Map.of());
    }

    /** These counts with {@code delta} added; the rule and weights follow the newest record. */
    public ExperimentCounts plus(final VariantDelta delta) {
        final Map<String, VariantCounts> next = new TreeMap<>(variants);
        next.put(delta.variant(), next.getOrDefault(delta.variant(), VariantCounts.ZERO).plus(delta));
        return new ExperimentCounts(delta.experiment(), delta.rule(),
                delta.weights() == null ? null : new TreeMap<>(delta.weights()), next);
    }
}
