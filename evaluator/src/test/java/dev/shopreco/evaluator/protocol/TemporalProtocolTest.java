package dev.shopreco.evaluator.protocol;

import static dev.shopreco.evaluator.Fixtures.at;
import static dev.shopreco.evaluator.Fixtures.product;
import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shopreco.evaluator.Fixtures;
import dev.shopreco.evaluator.bootstrap.BootstrapSettings;
import dev.shopreco.evaluator.run.UserRunner;
import dev.shopreco.evaluator.snapshot.Snapshot;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.model.Recommenders;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalProtocolTest {

    private static final double EPS = 1e-12;

    private static double log2(final double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Cut at minute 10. Before it: 101 touched 1001 and 1003, 102 touched 1001, 103 only 9999 (not in
     * the catalog), 105 touched 1001 (nothing after: not a test user). After it: 101 touched 1001
     * again and 1002 (new), 102 touched 1004, 103 touched 1003, 104 touched 1002 (nothing before: not
     * a test user). Training popularity: 1001 = 3, 1003 = 1, 1002 = 1004 = 0, so the popularity list
     * is 1001, 1003, 1002, 1004 (9999 is not in the catalog, ties by id).
     */
    private static final Snapshot SNAPSHOT = Fixtures.snapshot(
            List.of(view(101, 1001, 1), view(101, 1003, 2), view(102, 1001, 3), view(103, 9999, 4),
                    view(105, 1001, 5),
                    view(101, 1001, 11), view(101, 1002, 12), view(102, 1004, 13), view(103, 1003, 14),
                    view(104, 1002, 15)),
            List.of(product(1001, "A;a1"), product(1002, "A;a2"), product(1003, "B;b1"), product(1004, "B;b2")));

    private static EvaluationResult run() {
        return new TemporalProtocol(new TemporalProtocol.Settings(1, at(10), 0.8, 10, BootstrapSettings.defaults(1),
                GramSettings.DEFAULT))
                .run(SNAPSHOT, ModelRegistry.served(false).select(List.of()), UserRunner.sequential());
    }

    @Test
    void shouldScoreTheFullRankingOfEveryTestUserByHand() {
        final EvaluationResult result = run();

        assertEquals(3, result.users(), "101, 102, 103");
        assertEquals(4, result.testPairs());
        assertFalse(result.leaksTestSet());
        final ModelResult popularity = result.models().get(Recommenders.POPULARITY);
        // 101: relevant {1001, 1002} at ranks 1, 3; 102: {1004} at 4; 103: {1003} at 2
        assertEquals(1.0, popularity.metric("recall@10"), EPS);
        assertEquals(1.0 / 3, popularity.curves().get("recall@k")[0], EPS, "only 101 has a hit at 1");
        final double ndcg101 = (1 + 1 / log2(4)) / (1 + 1 / log2(3));
        assertEquals((ndcg101 + 1 / log2(5) + 1 / log2(3)) / 3, popularity.metric("ndcg@10"), EPS);
        assertEquals(((1 + 2.0 / 3) / 2 + 0.25 + 0.5) / 3, popularity.metric("map@10"), EPS);
        assertEquals(1.0, popularity.metric("coverage@10"), EPS, "all 4 catalog products are listed");
        assertEquals(0.0, popularity.metric("fallback_share"), EPS);
    }

    @Test
    void shouldExcludeProductsTouchedBeforeTheCutInTheNewVariant() {
        final ModelResult popularity = run().models().get(Recommenders.POPULARITY);

        // 101: new {1002}, list without 1001, 1003: [1002, 1004], rank 1; 102: new {1004}, list
        // [1003, 1002, 1004], rank 3; 103: new {1003}, list [1001, 1003, 1002, 1004], rank 2
        assertEquals(1.0 / 3, popularity.curves().get("recall@k:new")[0], EPS,
                "101's hit at 1 exists only because 1001 is excluded");
        assertEquals((1 + 1 / log2(4) + 1 / log2(3)) / 3, popularity.metric("ndcg@10:new"), EPS);
        assertEquals(1.0, popularity.metric("coverage@10:new"), EPS);
    }

    @Test
    void shouldCountTheUsersServedAFallback() {
        final EvaluationResult result = run();

        // 103's only product has no category vector: content-based has no profile and serves popularity
        assertEquals(1.0 / 3, result.models().get(Recommenders.CONTENT_BASE).metric("fallback_share"), EPS);
        assertEquals(1.0 / 3, result.models().get(Recommenders.CONTENT_BASE).metric("fallback_share:new"), EPS);
        assertEquals(0.0, result.models().get(Recommenders.RANDOM).metric("fallback_share"), EPS);
        assertEquals(3L, result.counts().get("users:new"));
        assertEquals(1L, result.counts().get("users_only_before_cut"));
        assertEquals(1L, result.counts().get("users_only_after_cut"));
    }
}
