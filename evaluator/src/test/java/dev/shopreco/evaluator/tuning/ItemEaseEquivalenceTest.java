package dev.shopreco.evaluator.tuning;

import static dev.shopreco.evaluator.Fixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.evaluator.Fixtures;
import dev.shopreco.evaluator.baseline.Baselines;
import dev.shopreco.evaluator.baseline.Baselines.EaseSetting;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.HybridRecommender;
import dev.shopreco.streams.model.HybridSettings;
import dev.shopreco.streams.model.HybridWeights;
import dev.shopreco.streams.model.ItemEaseFits;
import dev.shopreco.streams.model.ItemEaseRecommender;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.PopularityRecommender;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnSettings;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The served ITEM_EASE (fitted on the item Gram rows the topology keeps) against the offline EASE
 * baseline (fitted on its own user x product matrix): the same model, so the same scores.
 */
class ItemEaseEquivalenceTest {

    private static TrainingSet training() {
        // users of one residue class like the same block of products
        final List<Interaction> rows = Fixtures.tasteRows(3, 160, 4, 6, 30, 3, 15, 4, 8);
        final Map<Long, Product> catalog = new TreeMap<>();
        for (long id = 1001; id <= 1032; id++) {
            catalog.put(id, product(id, "A;a" + (id % 5)));
        }
        return TrainingSet.of(rows, catalog, 1);
    }

    @Test
    void shouldScoreExactlyAsTheOfflineEaseForBothWeightings() {
        final TrainingSet training = training();
        for (final Weighting weighting : Weighting.values()) {
            for (final double lambda : new double[] {1.0, 50.0}) {
                final Recommender offline = Baselines.ease(training, new EaseSetting(weighting, lambda));
                final ItemEaseSettings.Params params = new ItemEaseSettings.Params(lambda, weighting);
                final Recommender served = new ItemEaseRecommender(training.state(),
                        new ItemEaseSettings(2000, params, params), ItemEaseFits.lazy(training.state(), 2000));
                for (long user = 101; user <= 160; user++) {
                    final Map<Long, Double> want = scores(offline.rankCatalog(user, Exclusion.NONE));
                    final Map<Long, Double> got = scores(served.rankCatalog(user, Exclusion.NONE));
                    // products nobody touched have no column offline and no row in the Gram: both score 0
                    final String what = weighting + " λ " + lambda + ", user " + user + ", product ";
                    want.forEach((product, score) -> assertEquals(score, got.getOrDefault(product, 0.0), 1e-9,
                            what + product));
                }
            }
        }
    }

    @Test
    void shouldFitOnlyTheProductsWithTheMostUsersAndRankTheRestByPopularity() {
        final TrainingSet training = training();
        final ItemEaseSettings.Params params = new ItemEaseSettings.Params(10, Weighting.LOG);
        final ItemEaseFits fits = ItemEaseFits.lazy(training.state(), 5);
        final long[] fitted = fits.current(params).products();
        assertEquals(5, fitted.length);
        for (int i = 1; i < fitted.length; i++) {
            assertTrue(training.state().itemGram().users(fitted[i - 1]) >= training.state().itemGram().users(fitted[i]),
                    "most users first");
        }
        final List<ScoredProduct> ranked = new ItemEaseRecommender(training.state(),
                new ItemEaseSettings(5, params, params), fits).rankCatalog(101, Exclusion.NONE);
        assertEquals(32, ranked.size(), "the whole catalog, fitted products first");
        for (int i = 6; i < ranked.size(); i++) {
            assertTrue(training.state().popularity(ranked.get(i - 1).productId())
                    >= training.state().popularity(ranked.get(i).productId()), "the rest by popularity");
        }
    }

    @Test
    void shouldFallBackToPopularityWithoutAFitOrAHistory() {
        final TrainingSet training = training();
        final ItemEaseSettings settings = ItemEaseSettings.DEFAULT;
        final Recommendation noFit = new ItemEaseRecommender(training.state(), settings, p -> null)
                .recommend(101, 10, Exclusion.NONE);
        assertTrue(noFit.fallback());
        assertEquals(new PopularityRecommender(training.state()).recommend(101, 10, Exclusion.NONE).productIds(),
                noFit.productIds());
        final Recommendation stranger = new ItemEaseRecommender(training.state(), settings,
                ItemEaseFits.lazy(training.state(), 2000)).recommend(999, 10, Exclusion.NONE);
        assertTrue(stranger.fallback());
        final Recommendation known = new ItemEaseRecommender(training.state(), settings,
                ItemEaseFits.lazy(training.state(), 2000)).recommend(101, 10, Exclusion.INTERACTED);
        assertFalse(known.fallback());
        final List<Long> touched = training.state().interactions(101).stream().map(i -> i.productId()).toList();
        assertTrue(known.productIds().stream().noneMatch(touched::contains), "INTERACTED leaves out what 101 touched");
    }

    @Test
    void shouldMakeAPopularityOnlyHybridExactlyPopularityAndAnEaseOnlyHybridRankAsItemEase() {
        final TrainingSet training = training();
        final ItemEaseSettings ease = ItemEaseSettings.DEFAULT;
        final ItemEaseFits fits = ItemEaseFits.lazy(training.state(), 2000);
        final UserKnnFits knnFits = UserKnnFits.lazy(training.state(), 100);
        final HybridWeights popularityOnly = new HybridWeights(0, 0, 1, 0, 0);
        final Recommender hybridPopularity = new HybridRecommender(training.state(),
                new HybridSettings(popularityOnly, popularityOnly), ease, fits, UserKnnSettings.DEFAULT, knnFits);
        final HybridWeights easeOnly = new HybridWeights(1, 0, 0, 0, 0);
        final Recommender hybridEase = new HybridRecommender(training.state(), new HybridSettings(easeOnly, easeOnly),
                ease, fits, UserKnnSettings.DEFAULT, knnFits);
        final Recommender itemEase = new ItemEaseRecommender(training.state(), ease, fits);
        for (long user = 101; user <= 160; user++) {
            for (final Exclusion exclusion : Exclusion.values()) {
                assertEquals(new PopularityRecommender(training.state()).recommend(user, 10, exclusion).productIds(),
                        hybridPopularity.recommend(user, 10, exclusion).productIds(), "user " + user + " " + exclusion);
                // the blend normalises EASE's positive scores: the order of the positive head is ITEM_EASE's
                final List<Long> head = itemEase.recommend(user, 10, exclusion).products().stream()
                        .filter(p -> p.score() > 0).map(ScoredProduct::productId).toList();
                assertEquals(head, hybridEase.recommend(user, 10, exclusion).productIds().subList(0, head.size()),
                        "user " + user + " " + exclusion);
            }
        }
    }

    private static Map<Long, Double> scores(final List<ScoredProduct> ranked) {
        final Map<Long, Double> scores = new TreeMap<>();
        ranked.forEach(p -> scores.put(p.productId(), p.score()));
        return scores;
    }
}
