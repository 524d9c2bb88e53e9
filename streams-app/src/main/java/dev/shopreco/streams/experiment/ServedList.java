package dev.shopreco.streams.experiment;

import dev.shopreco.common.json.JsonSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A list served inside an experiment, as the attribution keeps it while its window is open (the value
 * of {@code ab-served-lists}).
 *
 * @param id         the answer's id
 * @param userId     the user
 * @param experiment the experiment's name
 * @param variant    the user's variant
 * @param rule       the routing rule ({@code hash}, {@code threshold})
 * @param weights    variant -> configured weight (hash rule), null when the rule has none
 * @param products   the products served
 * @param asOf       event time at which it was served (epoch ms); the window runs from here
 * @param clicked    whether a served product was viewed within the window
 * @param converted  whether a served product was bought within the window
 */
public record ServedList(
        String id,
        long userId,
        String experiment,
        String variant,
        String rule,
        Map<String, Double> weights,
        List<Long> products,
        long asOf,
        boolean clicked,
        boolean converted) {

    private static final Serde<ServedList> SERDE = JsonSerde.of(ServedList.class);

    /** The JSON serde of {@code ab-served-lists}' values. */
    public static Serde<ServedList> serde() {
        return SERDE;
    }

    ServedList withClick() {
        return new ServedList(id, userId, experiment, variant, rule, weights, products, asOf, true, converted);
    }

    ServedList withConversion() {
        return new ServedList(id, userId, experiment, variant, rule, weights, products, asOf, clicked, true);
    }
}
