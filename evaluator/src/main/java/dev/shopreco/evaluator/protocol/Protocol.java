package dev.shopreco.evaluator.protocol;

import dev.shopreco.evaluator.run.UserRunner;
import dev.shopreco.evaluator.snapshot.Snapshot;
import java.util.List;

/** An evaluation protocol: how a snapshot is split, what the models learn from, what is measured. */
public interface Protocol {

    /** The protocol's name in the results: {@code seed} or {@code temporal}. */
    String name();

    /** Runs every model of {@code models} on {@code snapshot}. */
    EvaluationResult run(Snapshot snapshot, List<ModelSpec> models, UserRunner runner);
}
