package dev.shopreco.api.experiment;

import dev.shopreco.streams.model.Recommenders;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * The experiment from {@code experiment.*} in {@code application.yml}. A bad configuration (unknown
 * rule, unknown model, malformed weights) stops the start-up with a message naming the setting,
 * rather than serving a broken experiment.
 */
@Factory
public class ExperimentFactory {

    @Singleton
    Experiment experiment(
            @Value("${experiment.name:seed}") final String name,
            @Value("${experiment.rule:threshold}") final String rule,
            @Value("${experiment.threshold.user-id:550}") final long threshold,
            @Value("${experiment.threshold.above:CONTENT_BASE}") final String above,
            @Value("${experiment.threshold.at-or-below:POPULARITY}") final String atOrBelow,
            @Value("${experiment.hash.salt:shop-reco}") final String salt,
            @Value("${experiment.hash.variants:POPULARITY=50,CONTENT_BASE=50}") final String variants) {
        final RoutingRule routing = switch (rule.trim().toLowerCase(Locale.ROOT)) {
            case ThresholdRule.NAME -> new ThresholdRule(threshold, Variant.parse(above), Variant.parse(atOrBelow));
            case HashRule.NAME -> new HashRule(salt, WeightedVariant.parseList(variants));
            default -> throw new IllegalArgumentException("experiment.rule (EXPERIMENT_RULE) must be "
                    + ThresholdRule.NAME + " or " + HashRule.NAME + ", got '" + rule + "'");
        };
        for (final Variant variant : routing.variants()) {
            if (!Recommenders.names().contains(variant.model())) {
                throw new IllegalArgumentException("Variant " + variant.name() + " of experiment " + name
                        + " names an unknown model " + variant.model() + "; known: " + Recommenders.names());
            }
        }
        return new Experiment(name, routing);
    }
}
