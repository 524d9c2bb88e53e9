package dev.shopreco.streams.experiment;

import dev.shopreco.common.json.JsonSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A change of one variant's counts, sent from the per-user attribution to the per-experiment sum.
 *
 * @param experiment the experiment
 * @param variant    the variant
 * @param rule       the routing rule
 * @param weights    the configured weights the served record carried (null without)
 * @param users      new users exposed (0 or 1)
 * @param lists      new lists served (0 or 1)
 * @param clicked    lists newly clicked
 * @param converted  lists newly converted
 */
public record VariantDelta(
        String experiment,
        String variant,
        String rule,
        Map<String, Double> weights,
        long users,
        long lists,
        long clicked,
        long converted) {

    private static final Serde<VariantDelta> SERDE = JsonSerde.of(VariantDelta.class);

    public static Serde<VariantDelta> serde() {
        return SERDE;
    }
}
