package dev.shopreco.evaluator.bootstrap;

import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.streams.model.Recommenders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the paired bootstrap says about one evaluation: a percentile interval for every model's
 * recall@K and NDCG@K at every K (one population of users per variant: "all" and "new"), and the
 * interval of the difference of every served model against POPULARITY and against the best
 * offline baseline of the variant (the baseline with the highest NDCG at the report's K), and of
 * every offline baseline against each one before it in report order (USER_KNN minus EASE). A
 * difference is real when its interval lies on one side of 0.
 *
 * @param settings     resamples, confidence, seed
 * @param k            the K of the headline figures and of the differences
 * @param users        per variant (its key suffix: "" or ":new"), the users resampled
 * @param intervals    model to figure key ({@code ndcg@10}, {@code recall@10:new}) to interval at K
 * @param curves       model to curve key ({@code ndcg@k}, {@code recall@k:new}) to the interval at each K
 * @param bestBaseline variant suffix to the offline baseline the served models are compared with
 * @param differences  in order: per variant, per metric, per served model against POPULARITY then the
 *                     baseline, then the baselines among themselves
 */
public record Significance(BootstrapSettings settings, int k, Map<String, Integer> users,
        Map<String, Map<String, Interval>> intervals, Map<String, Map<String, Interval[]>> curves,
        Map<String, String> bestBaseline, List<Difference> differences) {

    /** The paired percentile bootstrap over users, as reported. */
    public static final String METHOD = "paired bootstrap over users (the same resamples for every model), "
            + "percentile intervals";

    public Significance {
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
        curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
        bestBaseline = Collections.unmodifiableMap(new LinkedHashMap<>(bestBaseline));
        differences = List.copyOf(differences);
    }

    /**
     * Resamples each population (variant suffix to figures, every population with the same models
     * in the same order) and builds the intervals and differences.
     *
     * @param served the names of the models the API serves; the others are offline baselines
     */
    public static Significance of(final BootstrapSettings settings, final int k,
            final Map<String, UserFigures> populations, final Set<String> served) {
        final Map<String, Integer> users = new LinkedHashMap<>();
        final Map<String, Map<String, Interval>> intervals = new LinkedHashMap<>();
        final Map<String, Map<String, Interval[]>> curves = new LinkedHashMap<>();
        final Map<String, String> best = new LinkedHashMap<>();
        final List<Difference> differences = new ArrayList<>();
        int population = 0;
        for (final Map.Entry<String, UserFigures> entry : populations.entrySet()) {
            final String suffix = entry.getKey();
            final UserFigures figures = entry.getValue();
            final long seed = settings.seed() + 0x9E3779B97F4A7C15L * population++;
            if (figures.users() == 0) {
                continue;
            }
            users.put(suffix, figures.users());
            final double[][] replicates = PairedBootstrap.replicates(figures.weights(), figures.values(),
                    settings.resamples(), seed);
            final List<String> models = figures.models();
            for (int m = 0; m < models.size(); m++) {
                for (int metric = 0; metric < UserFigures.METRICS.size(); metric++) {
                    final Interval[] perK = new Interval[figures.maxK()];
                    for (int kk = 1; kk <= figures.maxK(); kk++) {
                        perK[kk - 1] = PairedBootstrap.percentile(replicates[figures.series(m, metric, kk)],
                                settings.confidence());
                    }
                    final String name = UserFigures.METRICS.get(metric);
                    curves.computeIfAbsent(models.get(m), x -> new LinkedHashMap<>())
                            .put(MetricKeys.curve(name) + suffix, perK);
                    intervals.computeIfAbsent(models.get(m), x -> new LinkedHashMap<>())
                            .put(name + "@" + k + suffix, perK[k - 1]);
                }
            }
            final int reference = models.indexOf(Recommenders.POPULARITY);
            final int baseline = bestBaseline(figures, served, k);
            if (baseline >= 0) {
                best.put(suffix, models.get(baseline));
            }
            for (int metric = 0; metric < UserFigures.METRICS.size(); metric++) {
                final String key = UserFigures.METRICS.get(metric) + "@" + k + suffix;
                for (int m = 0; m < models.size(); m++) {
                    if (!served.contains(models.get(m))) {
                        continue;
                    }
                    for (final int ref : new int[] {reference, baseline}) {
                        if (ref >= 0 && ref != m) {
                            differences.add(difference(figures, replicates, m, ref, metric, k, key,
                                    settings.confidence()));
                        }
                    }
                }
                // the offline baselines among themselves: each against every one before it
                for (int m = 0; m < models.size(); m++) {
                    for (int ref = 0; ref < m; ref++) {
                        if (!served.contains(models.get(m)) && !served.contains(models.get(ref))) {
                            differences.add(difference(figures, replicates, m, ref, metric, k, key,
                                    settings.confidence()));
                        }
                    }
                }
            }
        }
        return new Significance(settings, k, users, intervals, curves, best, differences);
    }

    /** The offline baseline with the highest figure of the NDCG at K (the first on a tie), or -1. */
    private static int bestBaseline(final UserFigures figures, final Set<String> served, final int k) {
        int best = -1;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < figures.models().size(); m++) {
            if (!served.contains(figures.models().get(m))) {
                final double ndcg = figures.statistic(m, 1, k);
                if (ndcg > bestNdcg) {
                    best = m;
                    bestNdcg = ndcg;
                }
            }
        }
        return best;
    }

    private static Difference difference(final UserFigures figures, final double[][] replicates, final int model,
            final int reference, final int metric, final int k, final String key, final double confidence) {
        final double point = figures.statistic(model, metric, k) - figures.statistic(reference, metric, k);
        final double[] paired = PairedBootstrap.difference(replicates[figures.series(model, metric, k)],
                replicates[figures.series(reference, metric, k)]);
        return new Difference(figures.models().get(model), figures.models().get(reference), key, point,
                PairedBootstrap.percentile(paired, confidence));
    }

    /** The interval of {@code model}'s figure {@code key} ({@code ndcg@10:new}), or null. */
    public Interval interval(final String model, final String key) {
        final Map<String, Interval> byKey = intervals.get(model);
        return byKey == null ? null : byKey.get(key);
    }

    /** The difference of {@code model} against {@code reference} on {@code key}, or null. */
    public Difference difference(final String model, final String reference, final String key) {
        return differences.stream()
                .filter(d -> d.model().equals(model) && d.reference().equals(reference) && d.metric().equals(key))
                .findFirst().orElse(null);
    }
}
