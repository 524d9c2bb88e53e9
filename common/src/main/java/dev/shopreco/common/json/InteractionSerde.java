package dev.shopreco.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Interaction;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of {@code shop.interactions}: the same JSON as {@link JsonSerde} of {@link Interaction}
 * (same fields, same order, same text, so every reader of the topic is unaffected), written and read
 * with Jackson's streaming API instead of data binding. The topology writes and reads every accepted
 * event through it; data binding and its date-time formatter were about a fifth of the stream
 * thread's time.
 *
 * <p>Reading takes the fast path only for the form this class writes (the six fields, each once,
 * with the expected token types, a {@code yyyy-MM-ddTHH:mm:ss} timestamp); anything else (unknown
 * fields, nulls, other date-time forms, a malformed record) is read by data binding, so what is
 * accepted or refused, and the error, are {@link JsonSerde}'s, except that a record missing what the
 * topology always writes (a positive user and product id, the type, the time, a finite strength) is
 * refused too.
 */
public final class InteractionSerde implements Serde<Interaction>, Serializer<Interaction>, Deserializer<Interaction> {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final JsonSerde<Interaction> BOUND = JsonSerde.of(Interaction.class);
    private static final int EXPECTED_BYTES = 160;
    private static final int ALL_FIELDS = 0b111111;

    @Override
    public byte[] serialize(final String topic, final Interaction data) {
        if (data == null) {
            return null;
        }
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(EXPECTED_BYTES)) {
            try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
                out.writeStartObject();
                out.writeNumberField("user_id", data.userId());
                out.writeNumberField("product_id", data.productId());
                if (data.eventType() == null) {
                    out.writeNullField("event_type");
                } else {
                    out.writeStringField("event_type", data.eventType().name());
                }
                out.writeNumberField("strength", data.strength());
                if (data.timestamp() == null) {
                    out.writeNullField("timestamp");
                } else {
                    out.writeStringField("timestamp", IsoLocalTime.format(data.timestamp()));
                }
                out.writeNumberField("session_id", data.sessionId());
                out.writeEndObject();
            }
            return bytes.toByteArray();
        } catch (final IOException e) {
            throw new SerializationException("Cannot write an interaction as JSON for topic " + topic, e);
        }
    }

    @Override
    public Interaction deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        final Interaction fast = fastRead(data);
        return complete(topic, fast != null ? fast : BOUND.deserialize(topic, data));
    }

    /**
     * {@code read} if it is an interaction the topology could have written (positive ids, a type, a time,
     * a finite strength); else a {@link SerializationException}, so that a foreign record is refused once,
     * where it is read, instead of failing in each processor that uses the missing field.
     */
    private static Interaction complete(final String topic, final Interaction read) {
        if (read == null) {
            throw new SerializationException("not an interaction on " + topic + ": JSON null");
        }
        if (read.userId() <= 0 || read.productId() <= 0 || read.eventType() == null || read.timestamp() == null
                || !Double.isFinite(read.strength())) {
            throw new SerializationException("not an interaction on " + topic + ": " + read);
        }
        return read;
    }

    /** The interaction if {@code data} is in the form {@link #serialize} writes, else null. */
    private static Interaction fastRead(final byte[] data) {
        try (JsonParser in = FACTORY.createParser(data)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            long user = 0;
            long product = 0;
            EventType type = null;
            double strength = 0;
            LocalDateTime time = null;
            long session = 0;
            int seen = 0;
            JsonToken token;
            while ((token = in.nextToken()) == JsonToken.FIELD_NAME) {
                final String name = in.currentName();
                final JsonToken value = in.nextToken();
                final int bit;
                switch (name) {
                    case "user_id" -> {
                        bit = 1;
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        user = in.getLongValue();
                    }
                    case "product_id" -> {
                        bit = 2;
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        product = in.getLongValue();
                    }
                    case "event_type" -> {
                        bit = 4;
                        type = value == JsonToken.VALUE_STRING ? eventType(in.getText()) : null;
                        if (type == null) {
                            return null;
                        }
                    }
                    case "strength" -> {
                        bit = 8;
                        if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        strength = in.getDoubleValue();
                    }
                    case "timestamp" -> {
                        bit = 16;
                        time = value == JsonToken.VALUE_STRING ? IsoLocalTime.parseOrNull(in.getText()) : null;
                        if (time == null) {
                            return null;
                        }
                    }
                    case "session_id" -> {
                        bit = 32;
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        session = in.getLongValue();
                    }
                    default -> {
                        return null;
                    }
                }
                if ((seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
            }
            if (token != JsonToken.END_OBJECT || seen != ALL_FIELDS || in.nextToken() != null) {
                return null;
            }
            return new Interaction(user, product, type, strength, time, session);
        } catch (final IOException | RuntimeException e) {
            // malformed, or a number out of range: data binding reads it and names the error
            return null;
        }
    }

    private static EventType eventType(final String name) {
        for (final EventType type : EventType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // configured by construction
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public Serializer<Interaction> serializer() {
        return this;
    }

    @Override
    public Deserializer<Interaction> deserializer() {
        return this;
    }
}
