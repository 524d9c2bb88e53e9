package dev.shopreco.api.experiment;

import dev.shopreco.streams.model.Recommenders;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The running experiment: its name and its rule. Thread-safe and allocation-light. */
public final class Experiment {

    private final String name;
    private final RoutingRule rule;
    private final Map<String, Double> weights;

    public Experiment(final String name, final RoutingRule rule) {
        this.name = name;
        this.rule = rule;
        if (rule instanceof HashRule hash) {
            final Map<String, Double> byName = new LinkedHashMap<>();
            hash.weightedVariants().forEach(v -> byName.put(v.variant().name(), v.weight()));
            this.weights = Collections.unmodifiableMap(byName);
        } else {
            this.weights = null;
        }
    }

    /**
     * The experiment a configuration names. A bad one (unknown rule, unknown model, malformed
     * weights) is refused with a message naming the setting, rather than serving a broken experiment.
     *
     * @param rule {@code threshold} (with {@code threshold}, {@code above}, {@code atOrBelow}) or
     *             {@code hash} (with {@code salt}, {@code variants}: {@code [name:]MODEL=weight,...})
     */
    public static Experiment configured(final String name, final String rule, final long threshold,
            final String above, final String atOrBelow, final String salt, final String variants) {
        final RoutingRule routing = switch (rule.trim().toLowerCase(Locale.ROOT)) {
            case ThresholdRule.NAME -> new ThresholdRule(threshold, Variant.parse(above), Variant.parse(atOrBelow));
            case HashRule.NAME -> new HashRule(salt, WeightedVariant.parseList(variants));
            default -> throw new IllegalArgumentException("EXPERIMENT_RULE (experiment.rule) must be "
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

    /** Variant name -> configured weight for a rule with weights (hash), else null. */
    public Map<String, Double> weights() {
        return weights;
    }

    /** The user's assignment. */
    public Assignment assign(final long userId) {
        final Variant variant = rule.variantOf(userId);
        return new Assignment(name, rule.name(), variant.name(), variant.model());
    }

    public String name() {
        return name;
    }

    public RoutingRule rule() {
        return rule;
    }
}
