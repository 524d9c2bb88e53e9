package dev.shopreco.api.experiment;

/**
 * Where the experiment put a user.
 *
 * @param experiment the experiment's name (from configuration)
 * @param rule       the rule that decided: {@code threshold} or {@code hash}
 * @param variant    the variant's name
 * @param model      the model the variant serves
 */
public record Assignment(String experiment, String rule, String variant, String model) {
}
