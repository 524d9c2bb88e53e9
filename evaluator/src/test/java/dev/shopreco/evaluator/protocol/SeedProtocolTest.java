package dev.shopreco.evaluator.protocol;

import static dev.shopreco.evaluator.Fixtures.buy;
import static dev.shopreco.evaluator.Fixtures.product;
import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.evaluator.Fixtures;
import dev.shopreco.evaluator.bootstrap.BootstrapSettings;
import dev.shopreco.evaluator.run.UserRunner;
import dev.shopreco.evaluator.snapshot.Snapshot;
import dev.shopreco.streams.model.Recommenders;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedProtocolTest {

    private static final double EPS = 1e-12;

    /**
     * A test share of 0.99 puts every row in the test part (ceil(0.99 * 5) = 5), so the pairs asked
     * about are known: (101, 1001), (101, 1002), (102, 1001), (102, 1003). User 103 touched one
     * product and is left out, also of the models. Popularity from the rows of 101 and 102:
     * 1001: log2(1 + 1 + 2) + log2(2) = 3; 1002, 1003: 1; 1004, 1005: 0.
     */
    private static final Snapshot SNAPSHOT = Fixtures.snapshot(
            List.of(view(101, 1001, 0), view(101, 1002, 1), buy(101, 1001, 2),
                    view(102, 1001, 3), view(102, 1003, 4),
                    view(103, 1005, 5), view(103, 1005, 6)),
            List.of(product(1001, "A;x"), product(1002, "A;y"), product(1003, "B;z"), product(1004, "B;w"),
                    product(1005, "C;v")));

    private static EvaluationResult run(final int negatives) {
        return new SeedProtocol(new SeedProtocol.Settings(1, 0.99, 2, negatives, 10, BootstrapSettings.defaults(1)))
                .run(SNAPSHOT, ModelRegistry.served(true).select(List.of()), UserRunner.sequential());
    }

    @Test
    void shouldCountHitsOverAllTestPairsWithModelsFittedOnEverything() {
        final EvaluationResult result = run(100);

        assertEquals(2, result.users());
        assertEquals(4, result.testPairs());
        assertEquals(1L, result.counts().get("users_left_out"));
        assertTrue(result.leaksTestSet());
        // candidates = every product the user never touched + the test product, ranked by popularity:
        // (101,1001) 1st of {1001,1003,1004,1005}; (101,1002) 1st of {1002,1003,...} (tie 1 with 1003, lower id);
        // (102,1001) 1st; (102,1003) 2nd behind 1002 (tie, lower id). Were 103 counted, 1005 would beat 1002.
        final ModelResult popularity = result.models().get(Recommenders.POPULARITY);
        assertEquals(0.75, popularity.curves().get("recall@k")[0], EPS, "3 hits at 1 of 4 pairs");
        assertEquals(1.0, popularity.metric("recall@5"), EPS);
        assertEquals((3 + 1 / (Math.log(3) / Math.log(2))) / 4, popularity.curves().get("ndcg@k")[1], EPS);
    }

    @Test
    void shouldRankTheTestProductAgainstTheSampledNegativesOnly() {
        final EvaluationResult result = run(1);

        // two candidates per pair: every model has every test product within its top 2
        for (final String model : Recommenders.names()) {
            assertEquals(1.0, result.models().get(model).curves().get("recall@k")[1], EPS, model);
        }
    }

    @Test
    void shouldReportEveryServedModelByItsApiName() {
        assertEquals(Recommenders.names(), List.copyOf(run(100).models().keySet()));
    }
}
