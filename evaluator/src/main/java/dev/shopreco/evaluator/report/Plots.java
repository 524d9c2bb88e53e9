package dev.shopreco.evaluator.report;

import dev.shopreco.evaluator.bootstrap.Difference;
import dev.shopreco.evaluator.bootstrap.Interval;
import dev.shopreco.evaluator.bootstrap.Significance;
import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.protocol.EvaluationResult;
import dev.shopreco.evaluator.protocol.ModelResult;
import dev.shopreco.streams.model.Recommenders;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * PNG plots of recall@K and NDCG@K for K = 1..max_k, one line per model with its bootstrap
 * interval as a shaded band: {@code recall_at_k.png}, {@code ndcg_at_k.png}, and for the temporal
 * protocol the "new" variant as {@code *_new.png}. With the bootstrap on, also
 * {@code ndcg_differences.png} and {@code recall_differences.png}: each served model minus
 * POPULARITY and minus the best offline baseline at K = 10, with the difference's interval and
 * a line at 0.
 */
public final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final float BAND_ALPHA = 0.15f;
    private static final Color[] COLORS = {new Color(0x999999), new Color(0x1f77b4), new Color(0xd62728),
        new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private Plots() {
    }

    /** Writes the plots of {@code result} into {@code dir}; returns the files written. */
    public static List<Path> write(final EvaluationResult result, final Path dir) {
        // rendering needs no display; set before the first AWT class loads
        System.setProperty("java.awt.headless", "true");
        final List<Path> files = new ArrayList<>();
        final List<String> suffixes = result.leaksTestSet() ? List.of("") : List.of("", MetricKeys.NEW);
        for (final String suffix : suffixes) {
            for (final String metric : List.of("recall", "ndcg")) {
                final String file = metric + "_at_k" + (suffix.isEmpty() ? "" : "_new") + ".png";
                files.add(save(chart(result, metric, suffix), dir.resolve(file)));
            }
        }
        if (result.significance() != null) {
            for (final String metric : List.of("ndcg", "recall")) {
                final JFreeChart chart = differences(result, metric, suffixes);
                if (chart != null) {
                    files.add(save(chart, dir.resolve(metric + "_differences.png")));
                }
            }
        }
        return files;
    }

    private static JFreeChart chart(final EvaluationResult result, final String metric, final String suffix) {
        final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        final String curve = MetricKeys.curve(metric) + suffix;
        for (final Map.Entry<String, ModelResult> model : result.models().entrySet()) {
            final double[] values = model.getValue().curves().get(curve);
            if (values == null) {
                continue;
            }
            final Interval[] bands = result.significance() == null ? null
                    : result.significance().curves().getOrDefault(model.getKey(), Map.of()).get(curve);
            final YIntervalSeries series = new YIntervalSeries(Labels.row(model.getKey(), model.getValue().served()));
            for (int k = 1; k <= values.length; k++) {
                final double low = bands == null ? values[k - 1] : bands[k - 1].low();
                final double high = bands == null ? values[k - 1] : bands[k - 1].high();
                series.add(k, values[k - 1], low, high);
            }
            data.addSeries(series);
        }
        final String label = ("recall".equals(metric) ? "recall" : "NDCG") + "@K";
        final String variant = result.leaksTestSet() ? " (sampled candidates; leaks the test set)"
                : suffix.isEmpty() ? " (all products after the cut)" : " (new products only)";
        final String band = result.significance() == null ? ""
                : ", bands: " + percent(result.significance()) + " bootstrap intervals";
        final JFreeChart chart = ChartFactory.createXYLineChart(result.protocol() + " protocol: " + label + variant
                + band, "K", label, data, PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = plain(chart.getXYPlot());
        final DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(BAND_ALPHA);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, COLORS[s % COLORS.length]);
            renderer.setSeriesFillPaint(s, COLORS[s % COLORS.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2.0f));
        }
        plot.setRenderer(renderer);
        final NumberAxis k = (NumberAxis) plot.getDomainAxis();
        k.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        k.setRange(0.5, result.maxK() + 0.5);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    /**
     * One row per comparison (served model minus POPULARITY, then minus the best offline baseline),
     * one series per variant, the point with its interval; null when there is nothing to compare.
     */
    private static JFreeChart differences(final EvaluationResult result, final String metric,
            final List<String> suffixes) {
        final Significance significance = result.significance();
        final List<String> rows = new ArrayList<>();
        final List<String[]> comparisons = new ArrayList<>();
        for (final boolean againstBaseline : new boolean[] {false, true}) {
            for (final Map.Entry<String, ModelResult> model : result.models().entrySet()) {
                if (!model.getValue().served()
                        || !againstBaseline && Recommenders.POPULARITY.equals(model.getKey())) {
                    continue;
                }
                final boolean any = suffixes.stream().anyMatch(suffix -> reference(significance, againstBaseline,
                        suffix) != null && significance.difference(model.getKey(),
                        reference(significance, againstBaseline, suffix), key(significance, metric, suffix)) != null);
                if (any) {
                    rows.add(model.getKey() + " − " + (againstBaseline ? "best offline" : Recommenders.POPULARITY));
                    comparisons.add(new String[] {model.getKey(), againstBaseline ? "baseline" : "popularity"});
                }
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (int v = 0; v < suffixes.size(); v++) {
            final String suffix = suffixes.get(v);
            final String baseline = significance.bestBaseline().get(suffix);
            final String name = (suffix.isEmpty() ? "all" : "new") + (baseline == null ? "" : " (best offline: "
                    + Labels.name(baseline) + ")");
            final YIntervalSeries series = new YIntervalSeries(name);
            // the variants side by side within a row
            final double offset = suffixes.size() == 1 ? 0 : (v - (suffixes.size() - 1) / 2.0) * 0.25;
            for (int row = 0; row < rows.size(); row++) {
                final String reference = reference(significance, "baseline".equals(comparisons.get(row)[1]), suffix);
                final Difference d = reference == null ? null
                        : significance.difference(comparisons.get(row)[0], reference, key(significance, metric, suffix));
                if (d != null) {
                    series.add(row + offset, d.difference(), d.interval().low(), d.interval().high());
                }
            }
            data.addSeries(series);
        }
        final String label = ("recall".equals(metric) ? "recall" : "NDCG") + "@" + significance.k();
        final JFreeChart chart = ChartFactory.createXYLineChart(result.protocol() + " protocol: difference in "
                + label + " with " + percent(significance) + " paired bootstrap intervals", null,
                "difference in " + label, data, PlotOrientation.HORIZONTAL, true, false, false);
        final XYPlot plot = plain(chart.getXYPlot());
        final XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorStroke(new BasicStroke(2.0f));
        renderer.setCapLength(6);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, COLORS[(s + 1) % COLORS.length]);
        }
        plot.setRenderer(renderer);
        final SymbolAxis axis = new SymbolAxis(null, rows.toArray(String[]::new));
        axis.setGridBandsVisible(false);
        // the first comparison at the top, as in the tables
        axis.setInverted(true);
        plot.setDomainAxis(axis);
        plot.addRangeMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1.0f)));
        return chart;
    }

    private static String reference(final Significance significance, final boolean baseline, final String suffix) {
        return baseline ? significance.bestBaseline().get(suffix) : Recommenders.POPULARITY;
    }

    private static String key(final Significance significance, final String metric, final String suffix) {
        return metric + "@" + significance.k() + suffix;
    }

    private static String percent(final Significance significance) {
        return significance.settings().percent() + " %";
    }

    private static XYPlot plain(final XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static Path save(final JFreeChart chart, final Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
