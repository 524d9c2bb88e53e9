package dev.shopreco.streams.state;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde from two functions, for the compact binary formats of the hot stores. Null in, null out,
 * like every serde of the project (tombstones stay tombstones).
 *
 * @param <T> the value type
 */
public final class BinarySerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Function<T, byte[]> writer;
    private final Function<byte[], T> reader;

    private BinarySerde(final Function<T, byte[]> writer, final Function<byte[], T> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    /** A serde writing with {@code writer} and reading with {@code reader}. */
    public static <T> BinarySerde<T> of(final Function<T, byte[]> writer, final Function<byte[], T> reader) {
        return new BinarySerde<>(writer, reader);
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        return data == null ? null : writer.apply(data);
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        return data == null ? null : reader.apply(data);
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
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
