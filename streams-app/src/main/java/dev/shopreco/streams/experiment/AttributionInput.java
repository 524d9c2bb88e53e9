package dev.shopreco.streams.experiment;

import dev.shopreco.common.model.Interaction;

/**
 * What the attribution reads, from either of its two co-partitioned inputs (both keyed by user id):
 * a raw {@code reco.served} value with its offset, or a cleaned event from {@code shop.interactions}.
 */
sealed interface AttributionInput {

    /** A served record as text. */
    record Served(String text) implements AttributionInput {
    }

    /** A cleaned event. */
    record Event(Interaction interaction) implements AttributionInput {
    }
}
