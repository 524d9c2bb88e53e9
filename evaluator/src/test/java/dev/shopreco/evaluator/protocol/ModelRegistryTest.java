package dev.shopreco.evaluator.protocol;

import static dev.shopreco.evaluator.Fixtures.product;
import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopreco.common.model.Product;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    private static final List<Long> CATALOG = LongStream.rangeClosed(1001, 1040).boxed().toList();

    private static TrainingSet training() {
        final Map<Long, Product> catalog = new TreeMap<>();
        CATALOG.forEach(id -> catalog.put(id, product(id, "A;" + (id % 4))));
        return TrainingSet.of(List.of(view(101, 1001, 0), view(102, 1002, 1)), catalog, 1);
    }

    private static List<Long> order(final Recommender model, final long user) {
        return model.rank(user, CATALOG).stream().map(ScoredProduct::productId).toList();
    }

    @Test
    void shouldScoreEveryServedModelUnderItsApiName() {
        assertEquals(Recommenders.names(), ModelRegistry.served(false).names());
        final Map<String, Recommender> models = training().build(ModelRegistry.served(false).select(List.of()));
        models.forEach((name, model) -> assertEquals(name, model.name()));
    }

    @Test
    void shouldUseOnePermutationForAllUsersOnlyInTheOriginalProtocol() {
        final Recommender original = training().build(ModelRegistry.served(true).select(List.of("random")))
                .get(Recommenders.RANDOM);
        final Recommender served = training().build(ModelRegistry.served(false).select(List.of("RANDOM")))
                .get(Recommenders.RANDOM);

        assertEquals(order(original, 101), order(original, 102));
        assertNotEquals(order(served, 101), order(served, 102));
    }

    @Test
    void shouldRefuseAnUnknownModelName() {
        assertThrows(IllegalArgumentException.class, () -> ModelRegistry.served(false).select(List.of("EASE")));
    }

    @Test
    void shouldTakeAnOfflineBaselineNextToTheServedModels() {
        final ModelRegistry registry = ModelRegistry.served(false).with(ModelSpec.of("BASELINE", false,
                t -> Recommenders.create(Recommenders.POPULARITY, t.state(), t.seed())));

        assertEquals(List.of(Recommenders.RANDOM, Recommenders.POPULARITY, Recommenders.CONTENT_BASE,
                Recommenders.ITEM_EASE, Recommenders.USER_KNN, Recommenders.HYBRID, "BASELINE"),
                registry.names());
    }
}
