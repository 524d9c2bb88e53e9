package dev.shopreco.streams.state;

import dev.shopreco.common.json.JsonSerde;
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

    /**
     * A serde writing with {@code writer} and reading with {@code reader}, except that bytes starting
     * with '{' are read as the JSON of {@code type}: what earlier versions wrote to a store or topic that
     * is binary now, so that their stores and changelogs are taken over in place.
     */
    public static <T> BinarySerde<T> readingJsonToo(final Function<T, byte[]> writer,
            final Function<byte[], T> reader, final Class<T> type) {
        final Deserializer<T> json = JsonSerde.of(type);
        return new BinarySerde<>(writer,
                bytes -> bytes.length > 0 && bytes[0] == '{' ? json.deserialize(null, bytes) : reader.apply(bytes));
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
