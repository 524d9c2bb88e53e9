package dev.shopreco.streams.experiment;

import dev.shopreco.streams.state.BinarySerde;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A user's events at one event time, the value of {@code ab-recent-events}: kept for one window so
 * that a served record that reaches the attribution after the events it led to still finds them.
 *
 * @param events the events
 */
public record RecentEvents(List<Event> events) {

    private static final byte VERSION = 1;
    private static final int EVENT_BYTES = Long.BYTES + 1 + Long.BYTES;
    private static final Serde<RecentEvents> SERDE = BinarySerde.of(RecentEvents::toBytes,
            RecentEvents::fromBytes);

    /**
     * Binary serde (a value is written and changelogged for every event): a version byte, then
     * product id, purchase flag and time of each event.
     */
    public static Serde<RecentEvents> serde() {
        return SERDE;
    }

    static byte[] toBytes(final RecentEvents value) {
        final ByteBuffer out = ByteBuffer.allocate(1 + value.events.size() * EVENT_BYTES).put(VERSION);
        for (final Event event : value.events) {
            out.putLong(event.productId()).put((byte) (event.purchase() ? 1 : 0)).putLong(event.time());
        }
        return out.array();
    }

    static RecentEvents fromBytes(final byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != VERSION || (bytes.length - 1) % EVENT_BYTES != 0) {
            throw new SerializationException("Not an ab-recent-events record (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final List<Event> events = new ArrayList<>((bytes.length - 1) / EVENT_BYTES);
        while (in.hasRemaining()) {
            events.add(new Event(in.getLong(), in.get() != 0, in.getLong()));
        }
        return new RecentEvents(events);
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
