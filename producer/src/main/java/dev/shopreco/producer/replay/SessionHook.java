package dev.shopreco.producer.replay;

import dev.shopreco.common.model.SessionEvent;
import java.util.List;

/**
 * Lets something take part in a replay: before each session event is sent it may add events of its
 * own (e.g. the clicks of a simulated client), which the replay sends first, to {@code shop.sessions}
 * keyed by their session, with their event time as record time.
 */
public interface SessionHook {

    /** Events to send before {@code next} (none of them later than {@code next}). */
    List<SessionEvent> before(SessionEvent next);

    /** Events still pending when the replay ends. */
    List<SessionEvent> end();
}
