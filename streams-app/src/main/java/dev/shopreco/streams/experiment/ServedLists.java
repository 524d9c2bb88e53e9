package dev.shopreco.streams.experiment;

import dev.shopreco.common.json.JsonSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * The lists served to one user at one event time (usually one), the value of {@code ab-served-lists}.
 *
 * @param lists the lists
 */
public record ServedLists(List<ServedList> lists) {

    private static final Serde<ServedLists> SERDE = JsonSerde.of(ServedLists.class);

    public static Serde<ServedLists> serde() {
        return SERDE;
    }
}
