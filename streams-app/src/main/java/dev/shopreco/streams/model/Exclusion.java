package dev.shopreco.streams.model;

/** Which of the user's own products a recommendation leaves out. */
public enum Exclusion {
    /** Nothing: the original's behaviour. */
    NONE,
    /** Products the user bought (a shop rarely wants to sell the same console twice). */
    PURCHASED,
    /** Every product the user viewed or bought (the evaluator's "new" variant). */
    INTERACTED
}
