package dev.shopreco.evaluator.protocol;

import dev.shopreco.evaluator.bootstrap.BootstrapSettings;
import dev.shopreco.evaluator.bootstrap.Significance;
import dev.shopreco.evaluator.bootstrap.UserFigures;
import dev.shopreco.evaluator.metrics.Curves;
import dev.shopreco.evaluator.metrics.ListTally;
import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.run.UserRunner;
import dev.shopreco.evaluator.snapshot.Snapshot;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Our own measure (docs/design.md §7, the temporal protocol): a global time cut; models built from the events
 * before it only, with the classes that serve; every test user asked for the top-maxK of the full
 * catalog exactly as the API asks ({@link Recommender#recommend}), so fallbacks are seen as served.
 * Scored twice: "all" (relevant = everything touched after the cut, nothing excluded) and "new"
 * (relevant = products not touched before the cut, which are also excluded from the list; users
 * with no such product are left out of this variant).
 */
public final class TemporalProtocol implements Protocol {

    public static final String NAME = "temporal";
    /** The K of the headline figures. */
    public static final int REPORT_K = 10;

    /**
     * @param seed     seeds the Random model
     * @param cut      the cut time, or null for the quantile
     * @param quantile the cut's quantile of event time when {@code cut} is null
     * @param maxK     the curves run over K = 1..maxK (the list length asked for)
     * @param bootstrap the paired bootstrap over test users (intervals of the figures and differences)
     */
    public record Settings(long seed, LocalDateTime cut, double quantile, int maxK, BootstrapSettings bootstrap,
            GramSettings gram) {

        /**
         * Seed 1, cut at the 80th percentile of event time, curves to K = 20, 1,000 resamples, 95 %, the
         * topology's Gram cover.
         */
        public static Settings defaults() {
            return new Settings(1, null, 0.8, 20, BootstrapSettings.defaults(1), GramSettings.DEFAULT);
        }
    }

    /** One user's two lists from one model, with their curves (null: the user has no "new" product). */
    private record Answer(Recommendation all, Curves allCurves, Recommendation fresh, Curves freshCurves) {
    }

    private final Settings settings;

    public TemporalProtocol(final Settings settings) {
        if (settings.maxK() < REPORT_K) {
            throw new IllegalArgumentException("maxK must be at least " + REPORT_K);
        }
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvaluationResult run(final Snapshot snapshot, final List<ModelSpec> specs, final UserRunner runner) {
        final LocalDateTime cut = settings.cut() != null ? settings.cut()
                : TemporalSplit.quantileCut(snapshot.interactions(), settings.quantile());
        final TemporalSplit split = TemporalSplit.at(snapshot.interactions(), cut);
        final TrainingSet training = TrainingSet.of(split.train(), snapshot.catalog(), settings.seed(), settings.gram());
        final Map<String, Recommender> models = training.build(specs);
        final List<Long> users = split.testUsers();

        final List<List<Answer>> perUser = runner.map("temporal protocol", users, user -> answer(user, split, models));
        final List<ListTally> all = new ArrayList<>();
        final List<ListTally> fresh = new ArrayList<>();
        for (int m = 0; m < specs.size(); m++) {
            all.add(new ListTally(settings.maxK(), REPORT_K));
            fresh.add(new ListTally(settings.maxK(), REPORT_K));
        }
        for (final List<Answer> answers : perUser) {
            for (int m = 0; m < answers.size(); m++) {
                final Answer answer = answers.get(m);
                all.get(m).add(answer.all().productIds(), answer.allCurves(), answer.all().fallback());
                if (answer.freshCurves() != null) {
                    fresh.get(m).add(answer.fresh().productIds(), answer.freshCurves(), answer.fresh().fallback());
                }
            }
        }
        final Significance significance = significance(specs, perUser);
        final int catalogSize = snapshot.catalog().size();
        final Map<String, ModelResult> results = new LinkedHashMap<>();
        for (int m = 0; m < specs.size(); m++) {
            results.put(specs.get(m).name(), TemporalFigures.of(specs.get(m).served(), all.get(m), fresh.get(m),
                    catalogSize, REPORT_K));
        }
        final long pairs = users.stream().mapToLong(u -> split.relevant(u).size()).sum();
        final long newPairs = users.stream().mapToLong(u -> split.relevantNew(u).size()).sum();
        final Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("interactions", snapshot.interactions().size());
        counts.put("products", catalogSize);
        counts.put("train_events", split.train().size());
        counts.put("test_events", snapshot.interactions().size() - split.train().size());
        counts.put("users" + MetricKeys.NEW, fresh.isEmpty() ? 0 : fresh.get(0).count());
        counts.put("test_pairs" + MetricKeys.NEW, newPairs);
        counts.put("users_only_before_cut", split.before().keySet().stream().filter(u -> !split.after().containsKey(u)).count());
        counts.put("users_only_after_cut", split.after().keySet().stream().filter(u -> !split.before().containsKey(u)).count());
        final Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("seed", settings.seed());
        parameters.put("cut", cut.toString());
        parameters.put("cut_rule", settings.cut() != null ? "given (--cut)"
                : "event time at rank floor(" + settings.quantile() + " * N)");
        parameters.put("max_k", settings.maxK());
        parameters.put("models_fitted_on", "events strictly before the cut");
        parameters.put("ranking", "full catalog, top max_k as served (Recommender.recommend)");
        parameters.put("new_variant", "relevant = products not touched before the cut; those excluded from the list");
        final Map<String, Object> tuning = new LinkedHashMap<>();
        models.forEach((name, model) -> {
            if (model instanceof TunedModel tuned) {
                tuning.put(name, tuned.tuning());
            }
        });
        if (!tuning.isEmpty()) {
            parameters.put("tuning", tuning);
        }
        return new EvaluationResult(NAME, false, users.size(), pairs, settings.maxK(), results, counts, parameters,
                snapshot.origin(), significance);
    }

    /** The bootstrap over the test users of "all", and over those of "new"; null when it is off. */
    private Significance significance(final List<ModelSpec> specs, final List<List<Answer>> perUser) {
        if (!settings.bootstrap().enabled() || perUser.isEmpty()) {
            return null;
        }
        final List<String> names = specs.stream().map(ModelSpec::name).toList();
        final int freshUsers = (int) perUser.stream().filter(a -> !a.isEmpty() && a.get(0).freshCurves() != null)
                .count();
        final UserFigures all = new UserFigures(names, perUser.size(), settings.maxK());
        final UserFigures fresh = new UserFigures(names, freshUsers, settings.maxK());
        int f = 0;
        for (int u = 0; u < perUser.size(); u++) {
            final List<Answer> answers = perUser.get(u);
            for (int m = 0; m < answers.size(); m++) {
                all.put(u, m, answers.get(m).allCurves(), 1);
                if (answers.get(m).freshCurves() != null) {
                    fresh.put(f, m, answers.get(m).freshCurves(), 1);
                }
            }
            if (!answers.isEmpty() && answers.get(0).freshCurves() != null) {
                f++;
            }
        }
        final Map<String, UserFigures> populations = new LinkedHashMap<>();
        populations.put("", all);
        populations.put(MetricKeys.NEW, fresh);
        return Significance.of(settings.bootstrap(), REPORT_K, populations,
                specs.stream().filter(ModelSpec::served).map(ModelSpec::name).collect(Collectors.toUnmodifiableSet()));
    }

    private List<Answer> answer(final long user, final TemporalSplit split, final Map<String, Recommender> models) {
        final Set<Long> relevant = split.relevant(user);
        final Set<Long> relevantNew = split.relevantNew(user);
        final List<Answer> answers = new ArrayList<>(models.size());
        for (final Recommender model : models.values()) {
            final Recommendation all = model.recommend(user, settings.maxK(), Exclusion.NONE);
            final Curves allCurves = Curves.of(all.productIds(), relevant, settings.maxK());
            if (relevantNew.isEmpty()) {
                answers.add(new Answer(all, allCurves, null, null));
            } else {
                final Recommendation fresh = model.recommend(user, settings.maxK(), Exclusion.INTERACTED);
                answers.add(new Answer(all, allCurves, fresh, Curves.of(fresh.productIds(), relevantNew, settings.maxK())));
            }
        }
        return answers;
    }
}
