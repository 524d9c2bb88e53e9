package dev.shopreco.streams.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-out of an experiment as {@code GET /experiments/{name}} returns it: per variant the
 * counts, click-through and conversion rates (per list served) with 95 % Wilson intervals; every
 * pair of variants compared with a two-proportion z-test; and the sample-ratio-mismatch check of
 * users exposed against the configured weights.
 *
 * @param experiment  the name
 * @param rule        the routing rule
 * @param windowHours the attribution window
 * @param weights     configured weights (null for the threshold rule)
 * @param variants    per variant, by name
 * @param comparisons every pair (a, b) with a before b by name; difference = a - b
 * @param sampleRatio the SRM check (null when the rule has no weights: the threshold rule splits by id)
 */
public record ExperimentReadout(
        String experiment,
        String rule,
        double windowHours,
        Map<String, Double> weights,
        List<VariantReadout> variants,
        List<Comparison> comparisons,
        SampleRatioCheck sampleRatio) {

    /** p-value under which the split is flagged as a sample-ratio mismatch. */
    public static final double SRM_THRESHOLD = 0.001;

    /**
     * One variant.
     *
     * @param variant       its name
     * @param usersExposed  distinct users served at least one list
     * @param listsServed   lists served
     * @param listsClicked  lists with a product viewed within the window
     * @param listsConverted lists with a product bought within the window
     * @param clickThrough  listsClicked / listsServed with its interval
     * @param conversion    listsConverted / listsServed with its interval
     */
    public record VariantReadout(String variant, long usersExposed, long listsServed, long listsClicked,
            long listsConverted, AbStatistics.Proportion clickThrough, AbStatistics.Proportion conversion) {
    }

    /**
     * Two variants compared.
     *
     * @param a            first variant
     * @param b            second variant
     * @param clickThrough a's click-through minus b's, z and p
     * @param conversion   a's conversion minus b's, z and p
     */
    public record Comparison(String a, String b, AbStatistics.Difference clickThrough,
            AbStatistics.Difference conversion) {
    }

    /**
     * The SRM check.
     *
     * @param chiSquared       Pearson's statistic
     * @param degreesOfFreedom arms - 1
     * @param pValue           its p-value
     * @param mismatch         pValue below {@link #SRM_THRESHOLD}: do not trust the comparison
     */
    public record SampleRatioCheck(double chiSquared, int degreesOfFreedom, double pValue, boolean mismatch) {
    }

    /** The read-out of {@code counts}; {@code configuredVariants} adds variants not served yet (zero). */
    public static ExperimentReadout of(final String name, final ExperimentCounts counts,
            final List<String> configuredVariants, final ExperimentSettings settings) {
        final Map<String, VariantCounts> all = new LinkedHashMap<>();
        for (final String variant : configuredVariants) {
            all.put(variant, VariantCounts.ZERO);
        }
        all.putAll(counts.variants());
        final List<VariantReadout> variants = new ArrayList<>();
        final Map<String, Long> users = new LinkedHashMap<>();
        all.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            final VariantCounts c = entry.getValue();
            users.put(entry.getKey(), c.users());
            variants.add(new VariantReadout(entry.getKey(), c.users(), c.lists(), c.clicked(), c.converted(),
                    AbStatistics.wilson(c.clicked(), c.lists()), AbStatistics.wilson(c.converted(), c.lists())));
        });
        final List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            for (int j = i + 1; j < variants.size(); j++) {
                final VariantReadout a = variants.get(i);
                final VariantReadout b = variants.get(j);
                comparisons.add(new Comparison(a.variant(), b.variant(),
                        AbStatistics.twoProportion(a.listsClicked(), a.listsServed(), b.listsClicked(), b.listsServed()),
                        AbStatistics.twoProportion(a.listsConverted(), a.listsServed(), b.listsConverted(),
                                b.listsServed())));
            }
        }
        SampleRatioCheck srm = null;
        if (counts.weights() != null && !counts.weights().isEmpty()) {
            final AbStatistics.SampleRatio ratio = AbStatistics.sampleRatio(users, counts.weights());
            srm = new SampleRatioCheck(ratio.chiSquared(), ratio.degreesOfFreedom(), ratio.pValue(),
                    ratio.pValue() < SRM_THRESHOLD);
        }
        return new ExperimentReadout(name, counts.rule(), settings.window().toMillis() / 3_600_000.0,
                counts.weights(), variants, comparisons, srm);
    }
}
