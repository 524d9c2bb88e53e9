package dev.shopreco.api.routing;

/** The running experiment: its name and its rule. Thread-safe and allocation-light. */
public final class Experiment {

    private final String name;
    private final RoutingRule rule;

    public Experiment(final String name, final RoutingRule rule) {
        this.name = name;
        this.rule = rule;
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
