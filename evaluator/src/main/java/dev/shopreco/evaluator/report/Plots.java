package dev.shopreco.evaluator.report;

import dev.shopreco.evaluator.metrics.MetricKeys;
import dev.shopreco.evaluator.protocol.EvaluationResult;
import dev.shopreco.evaluator.protocol.ModelResult;
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
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG plots of recall@K and NDCG@K for K = 1..max_k, one line per model: {@code recall_at_k.png},
 * {@code ndcg_at_k.png}, and for the temporal protocol the "new" variant as {@code *_new.png}.
 */
public final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
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
        return files;
    }

    private static JFreeChart chart(final EvaluationResult result, final String metric, final String suffix) {
        final XYSeriesCollection data = new XYSeriesCollection();
        for (final Map.Entry<String, ModelResult> model : result.models().entrySet()) {
            final double[] values = model.getValue().curves().get(MetricKeys.curve(metric) + suffix);
            if (values == null) {
                continue;
            }
            final XYSeries series = new XYSeries(model.getKey());
            for (int k = 1; k <= values.length; k++) {
                series.add(k, values[k - 1]);
            }
            data.addSeries(series);
        }
        final String label = ("recall".equals(metric) ? "recall" : "NDCG") + "@K";
        final String variant = result.leaksTestSet() ? " (sampled candidates; leaks the test set)"
                : suffix.isEmpty() ? " (all products after the cut)" : " (new products only)";
        final JFreeChart chart = ChartFactory.createXYLineChart(result.protocol() + " protocol: " + label + variant,
                "K", label, data, PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, COLORS[s % COLORS.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2.0f));
        }
        plot.setRenderer(renderer);
        final NumberAxis k = (NumberAxis) plot.getDomainAxis();
        k.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        k.setRange(0.5, result.maxK() + 0.5);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
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
