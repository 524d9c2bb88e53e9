package dev.shopreco.producer.replay;

import dev.shopreco.common.model.SessionEvent;
import java.util.List;

/**
 * Lets something take part in a replay: before each session event is sent it may add events of its
 * own (e.g. the clicks of a simulated client), which the replay sends first, to {@code shop.sessions}
 * keyed by their session, with their event time as record time.
 */
public interface SessionHook {

    /**
     * Events to send before {@code next} (none of them later than {@code next}). The events sent so
     * far become visible to the topology only once the replay commits them: a hook that waits for
     * the topology runs {@code commit} first.
     */
    List<SessionEvent> before(SessionEvent next, Runnable commit);

    /** Events still pending when the replay ends. */
    List<SessionEvent> end();
}
