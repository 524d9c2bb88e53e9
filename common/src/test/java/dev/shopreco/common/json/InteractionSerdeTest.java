package dev.shopreco.common.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Interaction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InteractionSerdeTest {

    private static final String TOPIC = "shop.interactions";
    private final InteractionSerde fast = new InteractionSerde();
    private final JsonSerde<Interaction> bound = JsonSerde.of(Interaction.class);

    @Test
    void writesTheSameBytesAsDataBindingAndReadsThemBack() {
        final Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            final Interaction interaction = randomInteraction(random);
            final byte[] expected = bound.serialize(TOPIC, interaction);
            final byte[] written = fast.serialize(TOPIC, interaction);
            assertArrayEquals(expected, written, () -> new String(expected, StandardCharsets.UTF_8) + " vs "
                    + new String(written, StandardCharsets.UTF_8));
            if (interaction.userId() > 0 && interaction.productId() > 0 && interaction.eventType() != null
                    && interaction.timestamp() != null) {
                assertEquals(interaction, fast.deserialize(TOPIC, written));
            } else {
                assertThrows(SerializationException.class, () -> fast.deserialize(TOPIC, written));
            }
        }
    }

    @Test
    void writesTheShopsTimeFormatWithSecondsEvenWhenTheyAreZero() {
        final Interaction interaction = new Interaction(7, 11, EventType.VIEW_PRODUCT, 1.0,
                LocalDateTime.of(2021, 1, 4, 4, 50, 0), 3);
        assertEquals("{\"user_id\":7,\"product_id\":11,\"event_type\":\"VIEW_PRODUCT\",\"strength\":1.0,"
                + "\"timestamp\":\"2021-01-04T04:50:00\",\"session_id\":3}",
                new String(fast.serialize(TOPIC, interaction), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // other field order, unknown field, integer strength, fractional seconds, id as text
        "{\"session_id\":3,\"timestamp\":\"2021-01-04T04:50:58\",\"strength\":2,\"event_type\":\"BUY_PRODUCT\","
                + "\"product_id\":11,\"user_id\":7}",
        "{\"user_id\":7,\"product_id\":11,\"event_type\":\"VIEW_PRODUCT\",\"strength\":1.0,"
                + "\"timestamp\":\"2021-01-04T04:50:58.250\",\"session_id\":3,\"extra\":[1,{\"a\":null}]}",
        "{\"user_id\":\"7\",\"product_id\":11,\"event_type\":\"VIEW_PRODUCT\",\"strength\":1.0,"
                + "\"timestamp\":\"2021-01-04T04:50\",\"session_id\":3}",
        "{\"user_id\":7,\"user_id\":8,\"product_id\":11,\"event_type\":\"VIEW_PRODUCT\",\"strength\":1.0,"
                + "\"timestamp\":\"2021-01-04T04:50:58\",\"session_id\":3}"
    })
    void readsAnyOtherFormExactlyAsDataBindingDoes(final String json) {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(bound.deserialize(TOPIC, bytes), fast.deserialize(TOPIC, bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"user_id\":7", "[1,2]", "{\"user_id\":99999999999999999999}",
        "{\"user_id\":7,\"product_id\":11,\"event_type\":\"CLICK\",\"strength\":1.0,"
                + "\"timestamp\":\"2021-01-04T04:50:58\",\"session_id\":3}",
        "{\"user_id\":7,\"product_id\":11,\"event_type\":\"VIEW_PRODUCT\",\"strength\":1.0,"
                + "\"timestamp\":\"2021-13-04T04:50:58\",\"session_id\":3}"})
    void refusesWhatDataBindingRefuses(final String json) {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThrows(SerializationException.class, () -> bound.deserialize(TOPIC, bytes));
        final SerializationException e = assertThrows(SerializationException.class,
                () -> fast.deserialize(TOPIC, bytes));
        assertEquals("Cannot read [simple type, class " + Interaction.class.getName() + "] from JSON on topic "
                + TOPIC, e.getMessage());
    }

    /** A foreign record the topology never writes is refused where it is read, once, not in each processor. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"user_id\":7,\"product_id\":11,\"event_type\":null,\"strength\":1.0,\"timestamp\":null,\"session_id\":3}",
        "{\"user_id\":7,\"product_id\":11}", "{}", "null",
        "{\"user_id\":-7,\"product_id\":11,\"event_type\":\"VIEW_PRODUCT\",\"strength\":1.0,"
                + "\"timestamp\":\"2021-01-04T04:50:58\",\"session_id\":3}"})
    void refusesARecordTheTopologyNeverWrites(final String json) {
        final SerializationException e = assertThrows(SerializationException.class,
                () -> fast.deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not an interaction on " + TOPIC), e.getMessage());
    }

    @Test
    void keepsTombstones() {
        assertNull(fast.serialize(TOPIC, null));
        assertNull(fast.deserialize(TOPIC, null));
    }

    private static Interaction randomInteraction(final Random random) {
        final LocalDateTime time = switch (random.nextInt(6)) {
            case 0 -> LocalDateTime.of(random.nextInt(2) == 0 ? -5 : 12_345, 6, 7, 8, 9, 10);
            case 1 -> LocalDateTime.of(2020, 1, 1, 0, 0, 0).plusNanos(random.nextInt(1_000_000_000));
            case 2 -> LocalDateTime.of(1 + random.nextInt(9999), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), 0);
            case 3 -> null;
            default -> LocalDateTime.of(2019 + random.nextInt(3), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60));
        };
        final EventType type = random.nextInt(20) == 0 ? null : EventType.values()[random.nextInt(2)];
        final double strength = switch (random.nextInt(4)) {
            case 0 -> 1.0;
            case 1 -> 2.0;
            case 2 -> random.nextDouble() * 1e6;
            default -> -random.nextGaussian() * 1e-9;
        };
        return new Interaction(random.nextLong(), random.nextInt(100_000), type, strength, time, random.nextLong());
    }
}
