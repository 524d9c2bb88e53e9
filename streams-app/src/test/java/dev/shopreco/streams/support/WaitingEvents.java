package dev.shopreco.streams.support;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.clean.SessionState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The events still waiting for a user in {@code session-state}, as the dead letters they would become. */
final class WaitingEvents {

    private WaitingEvents() {
    }

    static List<Rejected> in(final TopologyTestDriver driver) {
        final KeyValueStore<Long, SessionState> store = driver.getKeyValueStore(Names.STORE_SESSION_STATE);
        final List<Rejected> waiting = new ArrayList<>();
        try (KeyValueIterator<Long, SessionState> it = store.all()) {
            it.forEachRemaining(kv -> kv.value.pending().forEach(p -> waiting.add(new Rejected(
                    RejectReason.UNRESOLVED_USER, "", "topology", Names.TOPIC_SESSIONS, p.offset(), p.original()))));
        }
        return waiting;
    }
}
