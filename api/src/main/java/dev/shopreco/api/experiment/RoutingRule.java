package dev.shopreco.api.experiment;

import java.util.List;

/** A pure, deterministic function from a user id to a variant. */
public interface RoutingRule {

    /** The rule's name as it appears in answers and in {@code reco.served}. */
    String name();

    /** The user's variant; the same user always gets the same variant for the same configuration. */
    Variant variantOf(long userId);

    /** Every variant the rule can return (to check their models at start-up). */
    List<Variant> variants();
}
