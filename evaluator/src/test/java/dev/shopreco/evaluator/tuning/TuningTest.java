package dev.shopreco.evaluator.tuning;

import static dev.shopreco.evaluator.Fixtures.at;
import static dev.shopreco.evaluator.Fixtures.product;
import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.evaluator.Fixtures;
import dev.shopreco.evaluator.baseline.Baselines;
import dev.shopreco.evaluator.bootstrap.BootstrapSettings;
import dev.shopreco.evaluator.protocol.EvaluationResult;
import dev.shopreco.evaluator.protocol.ModelSpec;
import dev.shopreco.evaluator.protocol.TemporalProtocol;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.evaluator.run.UserRunner;
import dev.shopreco.streams.collaborative.GramSettings;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TuningTest {

    private static final double EPS = 1e-12;

    /**
     * Ten training events at minutes 0..9, so the validation cut (rank floor(0.8 * 10) = 8) is at
     * minute 8. Fit part: 101 {1001, 1002}, 102 {1001, 1003}, 103 {1002}, 104 {1001}, 105 {1003},
     * 106 {1004}. Validation part: 101 views 1003 (new to them), 102 views 1001 again (not new).
     */
    private static final List<Interaction> TRAINING = List.of(view(101, 1001, 0), view(101, 1002, 1),
            view(102, 1001, 2), view(102, 1003, 3), view(103, 1002, 4), view(104, 1001, 5), view(105, 1003, 6),
            view(106, 1004, 7), view(101, 1003, 8), view(102, 1001, 9));
    /** After the test cut (minute 10): 1005 is touched only there, and 107 exists only there. */
    private static final List<Interaction> TEST = List.of(view(101, 1005, 10), view(107, 1005, 11),
            view(102, 1004, 12), view(103, 1005, 13));

    private static Map<Long, Product> catalog() {
        final Map<Long, Product> catalog = new TreeMap<>();
        for (long id = 1001; id <= 1005; id++) {
            catalog.put(id, product(id, "A;a" + id));
        }
        return catalog;
    }

    private static double log2(final double x) {
        return Math.log(x) / Math.log(2);
    }

    private static Tuning<FixedOrder> tune(final FixedOrder... grid) {
        final ValidationCut cut = ValidationCut.of(TrainingSet.of(TRAINING, catalog(), 1), 0.8);
        return Tuning.run(cut, List.of(grid), (set, point) -> point.over(set.state()));
    }

    @Test
    void shouldTakeTheValidationCutAtTheQuantileOfTheTrainingPart() {
        final ValidationCut cut = ValidationCut.of(TrainingSet.of(TRAINING, catalog(), 1), 0.8);

        assertEquals(at(8), cut.cut());
        assertEquals(TRAINING.subList(0, 8), cut.fitPart().interactions());
        assertEquals(List.of(101L, 102L), cut.users(Variant.ALL));
        assertEquals(List.of(101L), cut.users(Variant.NEW), "102 only came back to 1001");
    }

    @Test
    void shouldChooseTheBestGridPointPerVariantByValidationNdcg() {
        // D = [1001, 1002, 1004, 1003]: "all": 101 finds 1003 at 4, 102 finds 1001 at 1; "new": 101's
        // list without 1001, 1002 is [1004, 1003], a hit at 2.
        // F = [1002, 1003, 1001, 1004]: "all": 1003 at 2, 1001 at 3; "new": [1003, 1004], a hit at 1.
        final FixedOrder d = FixedOrder.of("D", 1001L, 1002L, 1004L, 1003L);
        final FixedOrder f = FixedOrder.of("F", 1002L, 1003L, 1001L, 1004L);
        final Tuning<FixedOrder> tuning = tune(f, d);

        assertEquals(d, tuning.best(Variant.ALL).parameter());
        assertEquals((1 / log2(5) + 1) / 2, tuning.best(Variant.ALL).ndcg(), EPS);
        assertEquals(f, tuning.best(Variant.NEW).parameter());
        assertEquals(1.0, tuning.best(Variant.NEW).ndcg(), EPS);
        assertEquals((1 / log2(3) + 1 / log2(4)) / 2, (double) tuning.table().get(0).get("ndcg@10"), EPS, "F on all");
        assertEquals(1 / log2(3), (double) tuning.table().get(1).get("ndcg@10:new"), EPS, "D on new");
    }

    @Test
    void shouldKeepTheFirstGridPointOnATie() {
        // A = [1003, 1001, ...] and B = [1001, 1003, ...] both score (1 + 1/log2(3)) / 2 on "all"
        final FixedOrder a = FixedOrder.of("A", 1003L, 1001L, 1002L, 1004L);
        final FixedOrder b = FixedOrder.of("B", 1001L, 1003L, 1002L, 1004L);

        assertEquals(a, tune(a, b).best(Variant.ALL).parameter());
        assertEquals(b, tune(b, a).best(Variant.ALL).parameter());
    }

    @Test
    void shouldNeverLetTheTunerSeeTheTestPart() {
        final List<TrainingSet> seen = new ArrayList<>();
        final List<ValidationCut> cuts = new ArrayList<>();
        final ModelSpec recording = ModelSpec.of("RECORDING", false, training -> {
            seen.add(training);
            final ValidationCut cut = ValidationCut.of(training, 0.8);
            cuts.add(cut);
            final Tuning<FixedOrder> tuning = Tuning.run(cut, List.of(FixedOrder.of("A", 1001L, 1002L, 1003L)),
                    (set, point) -> {
                        seen.add(set);
                        return point.over(set.state());
                    });
            final FixedOrder model = tuning.best(Variant.NEW).parameter().over(training.state());
            return new VariantRecommender("RECORDING", model, model, tuning.describe());
        });
        final List<Interaction> rows = new ArrayList<>(TRAINING);
        rows.addAll(TEST);

        final EvaluationResult result = new TemporalProtocol(new TemporalProtocol.Settings(1, at(10), 0.8, 10,
                BootstrapSettings.off(), GramSettings.DEFAULT)).run(
                Fixtures.snapshot(rows, List.copyOf(catalog().values())),
                List.of(recording, Baselines.ease(0.8), Baselines.userKnn(0.8)), UserRunner.sequential());

        final LocalDateTime testCut = at(10);
        for (final TrainingSet set : seen) {
            assertTrue(set.interactions().stream().allMatch(row -> row.timestamp().isBefore(testCut)), "fit sets");
        }
        final ValidationCut cut = cuts.get(0);
        assertEquals(at(8), cut.cut(), "the 80th percentile of the 10 training events, not of all 14");
        assertTrue(cut.split().after().values().stream().noneMatch(products -> products.contains(1005L)),
                "1005 is touched only after the test cut");
        assertFalse(cut.split().after().containsKey(107L), "107 exists only after the test cut");
        assertEquals(List.of(1003L), List.copyOf(Variant.NEW.relevant(cut.split(), 101)));
        final Map<?, ?> tuning = (Map<?, ?>) result.parameters().get("tuning");
        assertEquals(List.of("RECORDING", Baselines.EASE, Baselines.USER_KNN), List.copyOf(tuning.keySet()));
        assertEquals(at(8).toString(), ((Map<?, ?>) tuning.get(Baselines.EASE)).get("validation_cut"));
    }
}
