package dev.shopreco.streams.state;

import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Interaction;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the system knows about one (user, product) pair: the raw sum of the event strengths, whether
 * the user bought it, the first and last event time (epoch ms, UTC), and whether the pair is in the
 * user's co-occurrence window (the products of the user that count in the item Gram matrices,
 * {@code collaborative.GramSettings}). {@code s(u,p)} is derived by {@link #strength()}, never stored.
 *
 * @param strengthSum    sum of the configured strengths of the pair's events
 * @param purchased      whether any event was a purchase
 * @param firstEventTime earliest event time, epoch ms
 * @param lastEventTime  latest event time, epoch ms
 * @param inWindow       whether the pair is in the user's co-occurrence window
 */
public record InteractionStats(double strengthSum, boolean purchased, long firstEventTime, long lastEventTime,
        boolean inWindow) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Double.BYTES + 1 + 2 * Long.BYTES;
    private static final int PURCHASED = 1;
    private static final int IN_WINDOW = 2;

    /** The stats of a pair seen once, not (yet) in the window. */
    public static InteractionStats of(final Interaction event) {
        final long time = millis(event.timestamp());
        return new InteractionStats(event.strength(), event.eventType() == EventType.BUY_PRODUCT, time, time, false);
    }

    /** These stats with one more event of the pair (events may come in any time order). */
    public InteractionStats plus(final Interaction event) {
        final long time = millis(event.timestamp());
        return new InteractionStats(strengthSum + event.strength(),
                purchased || event.eventType() == EventType.BUY_PRODUCT,
                Math.min(firstEventTime, time), Math.max(lastEventTime, time), inWindow);
    }

    /** These stats, in or out of the user's window. */
    public InteractionStats withInWindow(final boolean in) {
        return in == inWindow ? this
                : new InteractionStats(strengthSum, purchased, firstEventTime, lastEventTime, in);
    }

    /** {@code s(u,p) = log2(1 + strengthSum)}. */
    public double strength() {
        return Strength.smoothed(strengthSum);
    }

    /** Event time of the shop's data (local time read as UTC), in epoch ms. */
    public static long millis(final LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The 26-byte binary serde of the {@code user-interactions} store values. */
    public static Serde<InteractionStats> serde() {
        return BinarySerde.of(InteractionStats::toBytes, InteractionStats::fromBytes);
    }

    static byte[] toBytes(final InteractionStats stats) {
        final int flags = (stats.purchased ? PURCHASED : 0) | (stats.inWindow ? IN_WINDOW : 0);
        return ByteBuffer.allocate(BYTES).put(VERSION).putDouble(stats.strengthSum).put((byte) flags)
                .putLong(stats.firstEventTime).putLong(stats.lastEventTime).array();
    }

    static InteractionStats fromBytes(final byte[] bytes) {
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw new SerializationException("Not an interaction-stats record (" + bytes.length + " bytes)");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        final double sum = buffer.getDouble();
        final int flags = buffer.get();
        return new InteractionStats(sum, (flags & PURCHASED) != 0, buffer.getLong(), buffer.getLong(),
                (flags & IN_WINDOW) != 0);
    }
}
