package dev.shopreco.streams.experiment;

import dev.shopreco.common.json.JsonSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * A user's events at one event time, the value of {@code ab-recent-events}: kept for one window so
 * that a served record that reaches the attribution after the events it led to still finds them.
 *
 * @param events the events
 */
public record RecentEvents(List<Event> events) {

    private static final Serde<RecentEvents> SERDE = JsonSerde.of(RecentEvents.class);

    public static Serde<RecentEvents> serde() {
        return SERDE;
    }

    /**
     * One event.
     *
     * @param productId the product
     * @param purchase  bought (true) or viewed
     * @param time      event time, epoch ms
     */
    public record Event(long productId, boolean purchase, long time) {
    }
}
