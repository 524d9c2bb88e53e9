package dev.shopreco.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopreco.common.json.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TopListFormatTest {

    private static final String TOPIC = "any";

    @Test
    void theBuilderStoreKeepsEveryEntryExactly() {
        final List<ScoredProduct> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(new ScoredProduct(1_000_000_000_000L + i, Math.PI * i + Math.ulp(1.0)));
        }
        final TopList list = new TopList(entries);
        final byte[] bytes = TopList.binarySerde().serializer().serialize(TOPIC, list);
        assertEquals(1 + 100 * 16, bytes.length);
        assertEquals(list, TopList.binarySerde().deserializer().deserialize(TOPIC, bytes));
        assertEquals(TopList.empty(), TopList.binarySerde().deserializer().deserialize(TOPIC,
                TopList.binarySerde().serializer().serialize(TOPIC, TopList.empty())));
    }

    @Test
    void theRepartitionCarriesAScoredProductInSeventeenBytes() {
        final ScoredProduct product = new ScoredProduct(-3, 1e-300);
        final byte[] bytes = ScoredProduct.serde().serializer().serialize(TOPIC, product);
        assertEquals(17, bytes.length);
        assertEquals(product, ScoredProduct.serde().deserializer().deserialize(TOPIC, bytes));
    }

    @Test
    void refusesBytesOfAnotherFormatWithAClearError() {
        final byte[] wrongVersion = {9, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
        assertThrows(SerializationException.class,
                () -> TopList.binarySerde().deserializer().deserialize(TOPIC, wrongVersion));
        assertThrows(SerializationException.class,
                () -> TopList.binarySerde().deserializer().deserialize(TOPIC, new byte[] {1, 2, 3}));
        assertThrows(SerializationException.class,
                () -> ScoredProduct.serde().deserializer().deserialize(TOPIC, wrongVersion));
        final TopList list = new TopList(List.of(new ScoredProduct(7, 3.5), new ScoredProduct(2, 1.25)));
        assertThrows(SerializationException.class, () -> TopList.binarySerde().deserializer().deserialize(TOPIC,
                TopList.serde().serializer().serialize(TOPIC, list)), "the JSON of the topic is not the store's format");
        assertThrows(SerializationException.class, () -> ScoredProduct.serde().deserializer().deserialize(TOPIC,
                JsonSerde.of(ScoredProduct.class).serialize(TOPIC, new ScoredProduct(-3, 1e-300))));
    }
}
