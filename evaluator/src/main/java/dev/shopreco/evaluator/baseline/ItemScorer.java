package dev.shopreco.evaluator.baseline;

/** A fitted baseline: a score for every column of its matrix, for one of its users. */
interface ItemScorer {

    /** The matrix the model was fitted on (its rows and columns). */
    StrengthMatrix matrix();

    /** Scores indexed by column of {@link #matrix()}, for the user of {@code row}. */
    double[] scores(int row);
}
