package dev.shopreco.evaluator.protocol;

import dev.shopreco.streams.model.Recommender;
import java.util.function.Function;

/**
 * A model the evaluator scores: a name for the reports and a way to build it from a training set.
 * Served models come from streams-app's {@code Recommenders}; an offline baseline (EASE, user-kNN)
 * is another implementation that fits itself on {@link TrainingSet#interactions()} and answers
 * through the same {@link Recommender} interface.
 */
public interface ModelSpec {

    /** The name in the reports: the API's name for a served model. */
    String name();

    /** Whether the API serves it (offline baselines are not). */
    boolean served();

    /** The model trained on {@code training}. */
    Recommender build(TrainingSet training);

    /** A spec from a name, a served flag and a builder. */
    static ModelSpec of(final String name, final boolean served,
            final Function<TrainingSet, Recommender> builder) {
        return new ModelSpec() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean served() {
                return served;
            }

            @Override
            public Recommender build(final TrainingSet training) {
                return builder.apply(training);
            }
        };
    }
}
