package dev.shopreco.streams.reference;

import dev.shopreco.streams.clean.Weights;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.topology.StreamsSettings;
import java.time.Duration;

/**
 * The parameters of the batch reference; the same values as the topology's settings.
 *
 * @param sessionGap        idle gap after which a session's unresolved events are refused
 * @param weights           event strengths
 * @param topK              length of the popularity list
 * @param gram              what the item Gram matrices cover
 * @param closeOpenSessions at the end of the input, treat every session as over (the original batch's
 *                          "drop what cannot be recovered"). Off, sessions not yet idle for the gap
 *                          stay open and their waiting events are reported as pending, which is what
 *                          the topology holds when the input stops.
 */
public record ReferenceOptions(Duration sessionGap, Weights weights, int topK, GramSettings gram,
        boolean closeOpenSessions) {

    /** The options matching the topology's {@code settings}. */
    public static ReferenceOptions of(final StreamsSettings settings, final boolean closeOpenSessions) {
        return new ReferenceOptions(settings.sessionGap(), settings.weights(), settings.popularityTopK(),
                settings.gram(), closeOpenSessions);
    }

    /** The defaults: 30 min gap, weights 1 and 2, top 100, the default Gram cover, open sessions closed at the end. */
    public static ReferenceOptions defaults() {
        return of(StreamsSettings.defaults(), true);
    }
}
