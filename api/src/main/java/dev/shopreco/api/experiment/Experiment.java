package dev.shopreco.api.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
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
