package dev.shopreco.streams.experiment;

import dev.shopreco.common.model.Rejected;

/** What the attribution emits: a change of a variant's counts, or a refused served record. */
sealed interface AttributionOutcome {

    /** Keyed by experiment name. */
    record Delta(VariantDelta delta) implements AttributionOutcome {
    }

    /** Keyed by the record's key, to the dead-letter topic. */
    record Refused(Rejected rejected) implements AttributionOutcome {
    }
}
