package dev.shopreco.evaluator.tuning;

import static dev.shopreco.evaluator.Fixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.evaluator.Fixtures;
import dev.shopreco.evaluator.baseline.Baselines;
import dev.shopreco.evaluator.baseline.Baselines.KnnSetting;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.knn.UserKnnIndex;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.HybridRecommender;
import dev.shopreco.streams.model.HybridSettings;
import dev.shopreco.streams.model.HybridWeights;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.PopularityRecommender;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnRecommender;
import dev.shopreco.streams.model.UserKnnSettings;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The served USER_KNN (fitted on the postings the topology publishes) against the offline user-kNN
 * baseline (fitted on its own user x product matrix): with nothing capped (every product kept, whole
 * histories in the windows, every user of a product published) they are the same model, so the same
 * scores and lists.
 */
class UserKnnEquivalenceTest {

    /** Nothing capped for this data: 60 users of 32 products, at most 14 events each. */
    private static final GramSettings FULL = new GramSettings(1000, 1000, 1000);

    private static TrainingSet training(final GramSettings gram) {
        // users of one residue class like the same block of products
        final List<Interaction> rows = Fixtures.tasteRows(5, 160, 4, 6, 30, 3, 15, 4, 8);
        final Map<Long, Product> catalog = new TreeMap<>();
        for (long id = 1001; id <= 1032; id++) {
            catalog.put(id, product(id, "A;a" + (id % 5)));
        }
        return TrainingSet.of(rows, catalog, 1, gram);
    }

    private static Recommender served(final TrainingSet training, final Weighting weighting, final int k) {
        final UserKnnSettings.Params params = new UserKnnSettings.Params(k, weighting);
        return new UserKnnRecommender(training.state(), new UserKnnSettings(params, params),
                UserKnnFits.lazy(training.state(), k));
    }

    @Test
    void shouldScoreAndRankExactlyAsTheOfflineUserKnnWhenNothingIsCapped() {
        final TrainingSet training = training(FULL);
        for (final Weighting weighting : Weighting.values()) {
            for (final int k : new int[] {1, 5, 25, 400}) {
                final Recommender offline = Baselines.userKnn(training, new KnnSetting(weighting, k));
                final Recommender served = served(training, weighting, k);
                for (long user = 101; user <= 160; user++) {
                    final String what = weighting + " k " + k + ", user " + user;
                    final Map<Long, Double> want = scores(offline.rankCatalog(user, Exclusion.NONE));
                    final Map<Long, Double> got = scores(served.rankCatalog(user, Exclusion.NONE));
                    assertEquals(want.keySet(), got.keySet(), what);
                    want.forEach((product, score) -> assertEquals(score, got.get(product), 1e-12 * Math.max(1, score),
                            what + ", product " + product));
                    for (final Exclusion exclusion : Exclusion.values()) {
                        final Recommendation w = offline.recommend(user, 10, exclusion);
                        final Recommendation g = served.recommend(user, 10, exclusion);
                        assertEquals(w.productIds(), g.productIds(), what + " " + exclusion);
                        assertEquals(w.fallback(), g.fallback(), what + " " + exclusion);
                    }
                }
            }
        }
    }

    @Test
    void shouldFindTheNeighboursOfTheOfflineSimilarity() {
        final TrainingSet training = training(FULL);
        final UserKnnIndex index = UserKnnIndex.of(training.state().postings(), Weighting.LOG);
        assertEquals(training.state().users().size(), index.users(), "every user has a row");
        for (long user = 101; user <= 160; user++) {
            final UserKnnIndex.Neighbours neighbours = index.neighbours(index.row(user), 400);
            for (int i = 1; i < neighbours.size(); i++) {
                final double before = neighbours.similarities()[i - 1];
                final double now = neighbours.similarities()[i];
                assertTrue(before > now || before == now
                        && index.user(neighbours.rows()[i - 1]) < index.user(neighbours.rows()[i]),
                        "most similar first, ties by ascending user id");
                assertTrue(now > 0 && neighbours.rows()[i] != index.row(user));
            }
        }
    }

    @Test
    void shouldReadOnlyThePublishedPostingsWhenTheyAreCapped() {
        // two users per product: the rows of X lose every other posting, so the scores differ from the
        // offline model's, and a user's neighbours share one of the published pairs with them
        final TrainingSet capped = training(new GramSettings(1000, 1000, 2));
        final UserKnnIndex index = UserKnnIndex.of(capped.state().postings(), Weighting.LOG);
        assertTrue(capped.state().postings().byProduct().values().stream().allMatch(users -> users.size() <= 2));
        assertTrue(index.users() < capped.state().users().size(), "users with no published posting have no row");
        final Recommender offline = Baselines.userKnn(capped, new KnnSetting(Weighting.LOG, 5));
        final Recommender served = served(capped, Weighting.LOG, 5);
        boolean differs = false;
        for (long user = 101; user <= 160; user++) {
            differs |= !scores(offline.rankCatalog(user, Exclusion.NONE))
                    .equals(scores(served.rankCatalog(user, Exclusion.NONE)));
            if (index.row(user) < 0) {
                final Recommendation fallback = served.recommend(user, 10, Exclusion.NONE);
                assertTrue(fallback.fallback(), "user " + user + " has no row: the popularity list");
                assertEquals(new PopularityRecommender(capped.state()).recommend(user, 10, Exclusion.NONE)
                        .productIds(), fallback.productIds());
            }
        }
        assertTrue(differs);
    }

    @Test
    void shouldMakeAUserKnnOnlyHybridRankAsUserKnnAndLeaveOtherBlendsAsTheyWere() {
        final TrainingSet training = training(FULL);
        final UserKnnSettings knn = new UserKnnSettings(new UserKnnSettings.Params(10, Weighting.LOG),
                new UserKnnSettings.Params(25, Weighting.BINARY));
        final UserKnnFits knnFits = UserKnnFits.lazy(training.state(), 25);
        final ItemEaseFits easeFits = ItemEaseFits.lazy(training.state(), 2000);
        final HybridWeights knnOnly = new HybridWeights(0, 0, 0, 0, 1);
        final Recommender hybrid = new HybridRecommender(training.state(), new HybridSettings(knnOnly, knnOnly),
                ItemEaseSettings.DEFAULT, easeFits, knn, knnFits);
        final Recommender userKnn = new UserKnnRecommender(training.state(), knn, knnFits);
        final HybridWeights easeAndPopularity = new HybridWeights(1, 0, 0.5, 0, 0);
        final HybridWeights plusKnn = new HybridWeights(1, 0, 0.5, 0, 0.5);
        boolean knnMatters = false;
        for (long user = 101; user <= 160; user++) {
            for (final Exclusion exclusion : Exclusion.values()) {
                // the blend normalises USER_KNN's scores: the order of the scored head is USER_KNN's
                final List<Long> head = userKnn.recommend(user, 10, exclusion).products().stream()
                        .filter(p -> p.score() > 0).map(ScoredProduct::productId).toList();
                assertEquals(head, hybrid.recommend(user, 10, exclusion).productIds().subList(0, head.size()),
                        "user " + user + " " + exclusion);
                knnMatters |= !new HybridRecommender(training.state(),
                        new HybridSettings(easeAndPopularity, easeAndPopularity), ItemEaseSettings.DEFAULT, easeFits,
                        knn, knnFits).recommend(user, 10, exclusion).productIds()
                        .equals(new HybridRecommender(training.state(), new HybridSettings(plusKnn, plusKnn),
                                ItemEaseSettings.DEFAULT, easeFits, knn, knnFits).recommend(user, 10, exclusion)
                                .productIds());
            }
        }
        assertTrue(knnMatters, "a user-kNN weight changes some lists");
    }

    @Test
    void shouldFallBackToPopularityWithoutAFitOrAHistory() {
        final TrainingSet training = training(FULL);
        final Recommendation noFit = new UserKnnRecommender(training.state(), UserKnnSettings.DEFAULT, w -> null)
                .recommend(101, 10, Exclusion.NONE);
        assertTrue(noFit.fallback());
        assertEquals(new PopularityRecommender(training.state()).recommend(101, 10, Exclusion.NONE).productIds(),
                noFit.productIds());
        final Recommendation stranger = served(training, Weighting.LOG, 10).recommend(999, 10, Exclusion.NONE);
        assertTrue(stranger.fallback());
        final Recommendation known = served(training, Weighting.LOG, 10).recommend(101, 10, Exclusion.INTERACTED);
        assertFalse(known.fallback());
        final List<Long> touched = training.state().interactions(101).stream().map(i -> i.productId()).toList();
        assertTrue(known.productIds().stream().noneMatch(touched::contains), "INTERACTED leaves out what 101 touched");
        assertNotEquals(noFit.productIds(), served(training, Weighting.LOG, 10).recommend(101, 10, Exclusion.NONE)
                .productIds(), "user 101's neighbours reorder the list");
    }

    private static Map<Long, Double> scores(final List<ScoredProduct> ranked) {
        final Map<Long, Double> scores = new TreeMap<>();
        ranked.forEach(p -> scores.put(p.productId(), p.score()));
        return scores;
    }
}
