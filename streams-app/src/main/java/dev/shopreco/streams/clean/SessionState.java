package dev.shopreco.streams.clean;

import dev.shopreco.streams.state.BinarySerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the cleaning step remembers of a session: its user once an event named one, the latest
 * event time (for the idle gap), and the events still waiting for a user (as received, to be parsed
 * again on release or sent to the dead-letter topic on expiry). Pending events are rare, so a
 * resolved session costs about 20 bytes.
 *
 * @param userId        the session's user, null while unknown
 * @param lastEventTime latest event time of the session, epoch ms
 * @param pending       events waiting for the user, in arrival order
 */
public record SessionState(Long userId, long lastEventTime, List<PendingEvent> pending) {

    private static final byte VERSION = 1;

    public SessionState {
        pending = List.copyOf(pending);
    }

    /**
     * An event waiting for its session's user.
     *
     * @param offset   offset of the record in {@code shop.sessions} (for the dead letter)
     * @param original the record's text as received
     */
    public record PendingEvent(long offset, String original) {
    }

    /** A session seen for the first time (or again after it expired). */
    static SessionState start(final long eventTime) {
        return new SessionState(null, eventTime, List.of());
    }

    /** Whether the session has been idle for longer than {@code gapMillis} at {@code watermark}. */
    boolean idleAt(final long watermark, final long gapMillis) {
        return watermark - lastEventTime > gapMillis;
    }

    SessionState seen(final long eventTime) {
        return new SessionState(userId, Math.max(lastEventTime, eventTime), pending);
    }

    SessionState waiting(final PendingEvent event, final long eventTime) {
        final List<PendingEvent> more = new ArrayList<>(pending);
        more.add(event);
        return new SessionState(userId, Math.max(lastEventTime, eventTime), more);
    }

    SessionState resolved(final long user, final long eventTime) {
        return new SessionState(user, Math.max(lastEventTime, eventTime), List.of());
    }

    /** Compact binary serde of the {@code session-state} store values. */
    public static Serde<SessionState> serde() {
        return BinarySerde.of(SessionState::toBytes, SessionState::fromBytes);
    }

    static byte[] toBytes(final SessionState state) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeBoolean(state.userId != null);
            if (state.userId != null) {
                out.writeLong(state.userId);
            }
            out.writeLong(state.lastEventTime);
            out.writeInt(state.pending.size());
            for (final PendingEvent event : state.pending) {
                out.writeLong(event.offset());
                final byte[] text = event.original() == null ? new byte[0]
                        : event.original().getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionState fromBytes(final byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != VERSION) {
                throw new SerializationException("Unknown session-state version");
            }
            final Long user = in.readBoolean() ? in.readLong() : null;
            final long last = in.readLong();
            final int count = in.readInt();
            final List<PendingEvent> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final long offset = in.readLong();
                final byte[] text = new byte[in.readInt()];
                in.readFully(text);
                pending.add(new PendingEvent(offset, new String(text, StandardCharsets.UTF_8)));
            }
            return new SessionState(user, last, pending);
        } catch (final IOException e) {
            throw new SerializationException("Cannot read a session-state record", e);
        }
    }
}
