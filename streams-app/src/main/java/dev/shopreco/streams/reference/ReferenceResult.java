package dev.shopreco.streams.reference;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.state.InMemoryState;
import java.util.List;
import java.util.Map;

/**
 * What the batch reference computed from one input.
 *
 * @param interactions   cleaned, weighted events in the order the topology emits them (an event that
 *                       waited for its user comes when the user became known)
 * @param rejected       what the topology refuses: invalid records, MISSING_PRODUCT_ID, UNRESOLVED_USER
 * @param pendingAtEnd   events still waiting for a user in sessions not yet over at the end of the input
 *                       (empty when open sessions are closed at the end), as UNRESOLVED_USER dead letters
 * @param invalidLines   lines of a data folder that the producer refuses before they reach Kafka
 * @param recoveredEvents events whose user was taken from their session
 * @param unknownProductEvents events with a product id that is not in the catalog (kept, counted)
 * @param catalog        the catalog, by id (the last line of an id wins, as in the compacted topic)
 * @param state          s(u,p), popularity, top-K and TF-IDF computed from {@code interactions}
 */
public record ReferenceResult(
        List<Interaction> interactions,
        List<Rejected> rejected,
        List<Rejected> pendingAtEnd,
        List<Rejected> invalidLines,
        long recoveredEvents,
        long unknownProductEvents,
        Map<Long, Product> catalog,
        InMemoryState state) {
}
