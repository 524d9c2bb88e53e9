package dev.shopreco.evaluator.protocol;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.evaluator.bootstrap.BootstrapSettings;
import dev.shopreco.evaluator.bootstrap.Significance;
import dev.shopreco.evaluator.bootstrap.UserFigures;
import dev.shopreco.evaluator.metrics.CurveSum;
import dev.shopreco.evaluator.metrics.Curves;
import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.run.UserRunner;
import dev.shopreco.evaluator.snapshot.Snapshot;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The original's protocol, exactly as docs/design.md §7 states it, to reproduce its table: the seeded
 * stratified 80/20 split of {@link SeedSplit}; models built from ALL rows of the evaluated users,
 * test part included (the leak the report labels); for each distinct test (user, product) pair, 100
 * negatives the user never touched, the model ranks the 101 and it is a hit if the product is in
 * the top K; recall@K = hits / test pairs over all pairs (not a mean of users).
 */
public final class SeedProtocol implements Protocol {

    public static final String NAME = "seed";
    /** The K of the bootstrap's intervals and differences (recall@10, NDCG@10). */
    public static final int REPORT_K = 10;

    /**
     * @param seed        seeds the split, the negatives and the Random model
     * @param testShare   share of the rows in the test part
     * @param minProducts users with fewer distinct products are left out
     * @param negatives   sampled negatives per test pair
     * @param maxK        the curves run over K = 1..maxK
     * @param bootstrap   the paired bootstrap over test users (a user stands for all their test pairs)
     */
    public record Settings(long seed, double testShare, int minProducts, int negatives, int maxK,
            BootstrapSettings bootstrap) {

        /**
         * The original's configuration: seed 1, 20 % test, 2 products, 100 negatives; curves to K =
         * 20; 1,000 resamples, 95 %.
         */
        public static Settings defaults() {
            return new Settings(1, 0.2, 2, 100, 20, BootstrapSettings.defaults(1));
        }
    }

    private final Settings settings;

    public SeedProtocol(final Settings settings) {
        if (settings.maxK() < 10) {
            throw new IllegalArgumentException("maxK must be at least 10 (recall@10 is reported)");
        }
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvaluationResult run(final Snapshot snapshot, final List<ModelSpec> specs, final UserRunner runner) {
        final List<Interaction> rows = SeedSplit.usersWithAtLeast(snapshot.interactions(), settings.minProducts());
        final SeedSplit split = SeedSplit.split(rows, settings.testShare(), settings.seed());
        // the leak, on purpose: the original fitted every model on all rows, the test part included
        final TrainingSet training = TrainingSet.of(rows, snapshot.catalog(), settings.seed());
        final Map<String, Recommender> models = training.build(specs);
        final Map<Long, SortedSet<Long>> testPairs = new TreeMap<>();
        split.test().forEach(row -> testPairs.computeIfAbsent(row.userId(), u -> new TreeSet<>()).add(row.productId()));
        final List<Long> catalogIds = List.copyOf(snapshot.catalog().keySet());
        final List<Long> users = List.copyOf(testPairs.keySet());

        final List<List<CurveSum>> perUser = runner.map("seed protocol", users,
                user -> scoreUser(user, testPairs.get(user), training, models, catalogIds));
        final List<CurveSum> totals = new ArrayList<>();
        models.keySet().forEach(name -> totals.add(new CurveSum(settings.maxK())));
        for (final List<CurveSum> sums : perUser) {
            for (int m = 0; m < sums.size(); m++) {
                totals.get(m).add(sums.get(m));
            }
        }
        final long pairs = testPairs.values().stream().mapToLong(Set::size).sum();
        return new EvaluationResult(NAME, true, users.size(), pairs, settings.maxK(),
                results(specs, totals), counts(snapshot, rows, split), parameters(), snapshot.origin(),
                significance(specs, perUser));
    }

    /**
     * The bootstrap over test users: a user is drawn with all their test pairs, so the figures stay
     * means over pairs (a user's weight is their pair count); null when it is off.
     */
    private Significance significance(final List<ModelSpec> specs, final List<List<CurveSum>> perUser) {
        if (!settings.bootstrap().enabled() || perUser.isEmpty()) {
            return null;
        }
        final UserFigures figures = new UserFigures(specs.stream().map(ModelSpec::name).toList(), perUser.size(),
                settings.maxK());
        for (int u = 0; u < perUser.size(); u++) {
            for (int m = 0; m < perUser.get(u).size(); m++) {
                final CurveSum sum = perUser.get(u).get(m);
                figures.put(u, m, sum.sums(), sum.count());
            }
        }
        return Significance.of(settings.bootstrap(), REPORT_K, Map.of("", figures),
                specs.stream().filter(ModelSpec::served).map(ModelSpec::name).collect(Collectors.toUnmodifiableSet()));
    }

    /** One user's sums over their test pairs, one per model in order. */
    private List<CurveSum> scoreUser(final long user, final SortedSet<Long> testProducts, final TrainingSet training,
            final Map<String, Recommender> models, final List<Long> catalogIds) {
        final Set<Long> touched = new HashSet<>();
        for (final UserInteraction interaction : training.state().interactions(user)) {
            touched.add(interaction.productId());
        }
        final List<Long> pool = catalogIds.stream().filter(p -> !touched.contains(p)).toList();
        final List<CurveSum> sums = new ArrayList<>();
        models.keySet().forEach(name -> sums.add(new CurveSum(settings.maxK())));
        for (final Long product : testProducts) {
            final List<Long> candidates = new ArrayList<>(
                    NegativeSampler.sample(pool, settings.negatives(), settings.seed(), product));
            candidates.add(product);
            int m = 0;
            for (final Recommender model : models.values()) {
                final List<Long> ranked = model.rank(user, candidates).stream().map(ScoredProduct::productId).toList();
                sums.get(m++).add(Curves.of(ranked, Set.of(product), settings.maxK()));
            }
        }
        return sums;
    }

    private Map<String, ModelResult> results(final List<ModelSpec> specs, final List<CurveSum> totals) {
        final Map<String, ModelResult> results = new LinkedHashMap<>();
        for (int m = 0; m < specs.size(); m++) {
            final Curves mean = totals.get(m).mean();
            final Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(MetricKeys.recall(5), mean.recall()[4]);
            metrics.put(MetricKeys.recall(10), mean.recall()[9]);
            metrics.put(MetricKeys.ndcg(10), mean.ndcg()[9]);
            final Map<String, double[]> curves = new LinkedHashMap<>();
            curves.put(MetricKeys.curve("recall"), mean.recall());
            curves.put(MetricKeys.curve("ndcg"), mean.ndcg());
            results.put(specs.get(m).name(), new ModelResult(specs.get(m).served(), metrics, curves));
        }
        return results;
    }

    private Map<String, Object> counts(final Snapshot snapshot, final List<Interaction> rows, final SeedSplit split) {
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("interactions", snapshot.interactions().size());
        counts.put("products", snapshot.catalog().size());
        counts.put("rows_of_evaluated_users", rows.size());
        counts.put("train_rows", split.train().size());
        counts.put("test_rows", split.test().size());
        final long allUsers = snapshot.interactions().stream().mapToLong(Interaction::userId).distinct().count();
        final long kept = rows.stream().mapToLong(Interaction::userId).distinct().count();
        counts.put("users_with_interactions", allUsers);
        counts.put("users_left_out", allUsers - kept);
        return counts;
    }

    private Map<String, Object> parameters() {
        final Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("seed", settings.seed());
        parameters.put("test_share", settings.testShare());
        parameters.put("min_products", settings.minProducts());
        parameters.put("negatives", settings.negatives());
        parameters.put("max_k", settings.maxK());
        parameters.put("models_fitted_on", "all rows of the evaluated users, test part included (as the original)");
        parameters.put("random_model", "one permutation of the catalog shared by all users (as the original)");
        return parameters;
    }
}
