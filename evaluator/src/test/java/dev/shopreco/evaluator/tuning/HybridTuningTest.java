package dev.shopreco.evaluator.tuning;

import static dev.shopreco.evaluator.Fixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.evaluator.Fixtures;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.HybridRecommender;
import dev.shopreco.streams.model.HybridSettings;
import dev.shopreco.streams.model.HybridWeights;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The hybrid's grid search scores every blend from one model ({@link HybridRecommender#recommendEach}):
 * its lists must be, product for product and score for score, those of a model built with each blend.
 */
class HybridTuningTest {

    private static final int CATALOG = 400;

    private static TrainingSet training() {
        // users of one residue class like the same block of products; the catalog is larger than the
        // candidates of one list, so each signal adds candidates of its own
        final List<Interaction> rows = Fixtures.tasteRows(11, 150, 8, 40, CATALOG, 1, 18, 5, 6);
        final Map<Long, Product> catalog = new TreeMap<>();
        for (long id = 1001; id < 1001 + CATALOG; id++) {
            catalog.put(id, product(id, "A;a" + (id % 4) + ";b" + (id % 7)));
        }
        return TrainingSet.of(rows, catalog, 1, new GramSettings(1000, 1000, 1000));
    }

    @Test
    void shouldListForEveryBlendWhatAModelWithThatBlendLists() {
        final TrainingSet training = training();
        final ItemEaseSettings ease = new ItemEaseSettings(1000, new ItemEaseSettings.Params(5, Weighting.LOG),
                new ItemEaseSettings.Params(50, Weighting.BINARY));
        final UserKnnSettings knn = new UserKnnSettings(new UserKnnSettings.Params(5, Weighting.LOG),
                new UserKnnSettings.Params(20, Weighting.BINARY));
        final ItemEaseFits easeFits = ItemEaseFits.lazy(training.state(), ease.maxProducts());
        final UserKnnFits knnFits = UserKnnFits.lazy(training.state(), 20);
        final List<HybridWeights> blends = HybridTuning.grid().stream().map(HybridTuning.Blend::weights).toList();
        final HybridRecommender shared = new HybridRecommender(training.state(),
                new HybridSettings(blends.get(0), blends.get(0)), ease, easeFits, knn, knnFits);
        final Set<List<Long>> distinct = new HashSet<>();
        int compared = 0;
        // 999: a user without interactions (the popularity fallback)
        final List<Long> users = new ArrayList<>(training.state().users());
        users.add(999L);
        for (final long user : users) {
            for (final Exclusion exclusion : Exclusion.values()) {
                final List<Recommendation> each = shared.recommendEach(user, 10, exclusion, blends);
                assertEquals(blends.size(), each.size());
                for (int i = 0; i < blends.size(); i++) {
                    final HybridRecommender alone = new HybridRecommender(training.state(),
                            new HybridSettings(blends.get(i), blends.get(i)), ease, easeFits, knn, knnFits);
                    assertEquals(alone.recommend(user, 10, exclusion), each.get(i),
                            "user " + user + ", " + exclusion + ", blend " + blends.get(i));
                    distinct.add(each.get(i).productIds());
                    compared++;
                }
            }
        }
        // the blends order the lists differently: the comparison covers more than one list per user
        assertTrue(distinct.size() > 3 * users.size(), distinct.size() + " distinct lists in " + compared);
    }
}
