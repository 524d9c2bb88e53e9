package dev.shopreco.streams.clean;

import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.model.SessionEvent;

/** What the cleaning step makes of a session event: accepted with its user, or refused with a reason. */
public sealed interface CleanOutcome {

    /** An event with its user (given or recovered) and its product; keyed by user downstream. */
    record Accepted(SessionEvent event) implements CleanOutcome {
    }

    /** A dead letter for {@code shop.sessions.rejected}. */
    record Refused(Rejected rejected) implements CleanOutcome {
    }
}
