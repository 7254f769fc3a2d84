package org.flowsentry.trainer.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.DecimalFormat;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepAreaRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.flowsentry.schema.Severity;

/** The report's charts: JFreeChart, rendered headless to base64 PNG data URIs. */
final class Charts {
    static {
        // Rendering needs no display; respect an explicit setting of the embedding application.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    static final Color BENIGN = new Color(70, 130, 180);
    static final Color ATTACK = new Color(200, 40, 40);
    static final Color ENSEMBLE = Color.BLACK;
    private static final Color[] DETECTORS = {
        new Color(31, 119, 180), new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14),
        new Color(140, 86, 75), new Color(23, 190, 207), new Color(227, 119, 194), new Color(188, 189, 34)};
    private static final Map<Severity, Color> SEVERITY = Map.of(
            Severity.LOW, new Color(230, 190, 40), Severity.MEDIUM, new Color(240, 130, 30), Severity.HIGH, new Color(200, 30, 30));

    /** Score bins of width 0.01: a 0.99 threshold falls on a bin edge. */
    private static final int BINS = 100;

    private Charts() {}

    /** A line of a curve chart. */
    record Line(String name, double[] x, double[] y, Color color, float width) {}

    static Color detectorColor(int index) {
        return DETECTORS[index % DETECTORS.length];
    }

    /** Encodes a chart as a data URI for an img tag. */
    static String png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, width, height);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding to memory failed", e); // no real I/O happens here
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Overlaid histograms of benign and attack scores in [0,1], as shares of each class, with the vote threshold marked. */
    static JFreeChart histogram(String title, double[] benign, double[] attack, double threshold) {
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.RELATIVE_FREQUENCY); // classes are very unequal in size: compare shapes
        int series = 0;
        XYBarRenderer renderer = new XYBarRenderer();
        if (benign.length > 0) {
            data.addSeries("benign (" + count(benign.length) + ")", benign, BINS, 0, 1);
            renderer.setSeriesPaint(series++, withAlpha(BENIGN, 140));
        }
        if (attack.length > 0) {
            data.addSeries("attack (" + count(attack.length) + ")", attack, BINS, 0, 1);
            renderer.setSeriesPaint(series, withAlpha(ATTACK, 140));
        }
        JFreeChart chart = ChartFactory.createHistogram(title, "score", null, data);
        XYPlot plot = chart.getXYPlot();
        // Log scale: benign spreads ~1% per bin by calibration, attacks pile up near 1; both stay visible.
        LogAxis share = new LogAxis("share of the class's flows (log)");
        share.setSmallestValue(1e-4);
        share.setTickUnit(new NumberTickUnit(1.0)); // one tick per decade (the unit is in log10 space)
        share.setNumberFormatOverride(new DecimalFormat("0.####"));
        plot.setRangeAxis(share);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
        if (!Double.isNaN(threshold)) {
            ValueMarker m = new ValueMarker(threshold, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1, new float[] {5, 3}, 0));
            m.setLabel(String.format(Locale.ROOT, "threshold %.3f", threshold));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            plot.addDomainMarker(m);
        }
        return style(chart);
    }

    /** Curves on [0,1]x[0,1] (ROC, precision-recall), with an optional dashed reference line. */
    static JFreeChart curves(String title, String xLabel, String yLabel, List<Line> lines, Line reference) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int s = 0;
        for (Line line : lines) {
            data.addSeries(series(line));
            renderer.setSeriesPaint(s, line.color());
            renderer.setSeriesStroke(s++, new BasicStroke(line.width()));
        }
        if (reference != null) {
            data.addSeries(series(reference));
            renderer.setSeriesPaint(s, reference.color());
            renderer.setSeriesStroke(s, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
        return style(chart);
    }

    /** Flagged flows per severity, bars coloured by severity and labelled with their count. */
    static JFreeChart severity(Map<Severity, Long> counts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Severity> levels = List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH);
        for (Severity s : levels) data.addValue(counts.getOrDefault(s, 0L), "flagged flows", s.name());
        JFreeChart chart = ChartFactory.createBarChart("Alerts by severity", "severity", "flagged flows", data,
                PlotOrientation.VERTICAL, false, false, false);
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return SEVERITY.get(levels.get(column));
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setMaximumBarWidth(0.2);
        chart.getCategoryPlot().setRenderer(renderer);
        chart.getCategoryPlot().getRangeAxis().setUpperMargin(0.12); // room for the count labels
        return style(chart);
    }

    /** Horizontal bars of permutation importance, most important on top. */
    static JFreeChart importance(List<FeatureImportance.Entry> top) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (FeatureImportance.Entry e : top) data.addValue(e.importance(), "importance", e.feature());
        JFreeChart chart = ChartFactory.createBarChart("Permutation feature importance (top " + top.size() + ")",
                null, "drop in ensemble ROC-AUC when shuffled", data, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT); // under the bars, where a reader looks for the scale
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, BENIGN);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
        return style(chart);
    }

    /** Flagged flows (line) and ground-truth attacks (shaded) per bucket of event time or flow index. */
    static JFreeChart timeline(Timeline t) {
        XYSeries flagged = new XYSeries("flagged by the ensemble");
        XYSeries attacks = new XYSeries("attacks (ground truth)");
        for (int b = 0; b < t.flagged.length; b++) {
            double x = t.start + (double) b * t.width;
            flagged.add(x, t.flagged[b]);
            attacks.add(x, t.attacks[b]);
        }
        int last = t.flagged.length - 1; // close the last step at the end of its bucket
        flagged.add(t.start + (double) (last + 1) * t.width, t.flagged[last]);
        attacks.add(t.start + (double) (last + 1) * t.width, t.attacks[last]);
        String xLabel = t.byTime ? "event time (UTC)" : "flow index (the flows have no event time)";
        JFreeChart chart = ChartFactory.createXYLineChart("Anomalies over time", xLabel,
                "flows per " + t.widthText(), new XYSeriesCollection(flagged));
        XYPlot plot = chart.getXYPlot();
        XYStepRenderer line = new XYStepRenderer();
        line.setSeriesPaint(0, ATTACK);
        line.setSeriesStroke(0, new BasicStroke(1.8f));
        plot.setRenderer(0, line);
        XYStepAreaRenderer area = new XYStepAreaRenderer();
        area.setSeriesPaint(0, new Color(150, 150, 150, 110));
        plot.setDataset(1, new XYSeriesCollection(attacks));
        plot.setRenderer(1, area);
        if (t.byTime) plot.setDomainAxis(new DateAxis(xLabel, TimeZone.getTimeZone("UTC"), Locale.ROOT));
        chart.addSubtitle(new TextTitle("bucket: " + t.widthText(), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        return style(chart);
    }

    private static XYSeries series(Line line) {
        XYSeries s = new XYSeries(line.name(), false, true);
        for (int i = 0; i < line.x().length; i++) s.add(line.x()[i], line.y()[i]);
        return s;
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot p) {
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
