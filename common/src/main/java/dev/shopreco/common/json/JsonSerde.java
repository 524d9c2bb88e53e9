package dev.shopreco.common.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for any Jackson-mappable type, with the project's {@link Json} settings. Null in,
 * null out (tombstones stay tombstones); a JSON error becomes a {@link SerializationException}.
 *
 * @param <T> the value type
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final ObjectMapper mapper;
    private final JavaType type;

    private JsonSerde(final JavaType type) {
        this.mapper = Json.mapper();
        this.type = type;
    }

    /** A serde for the class {@code type}. */
    public static <T> JsonSerde<T> of(final Class<T> type) {
        return new JsonSerde<>(Json.mapper().constructType(type));
    }

    /** A serde for a generic type, e.g. built with {@code Json.mapper().getTypeFactory()}. */
    public static <T> JsonSerde<T> of(final JavaType type) {
        return new JsonSerde<>(type);
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (final IOException e) {
            throw new SerializationException("Cannot write " + type + " as JSON for topic " + topic, e);
        }
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (final IOException e) {
            throw new SerializationException("Cannot read " + type + " from JSON on topic " + topic, e);
        }
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // configured by construction
    }

    @Override
    public void close() {
        // nothing to release: the mapper is shared
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
