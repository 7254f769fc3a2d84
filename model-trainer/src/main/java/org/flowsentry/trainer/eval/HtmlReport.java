package org.flowsentry.trainer.eval;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowsentry.schema.DetectorVerdict;
import org.jfree.chart.JFreeChart;

/**
 * Writes the evaluation as one self-contained HTML file: inline CSS, charts as embedded PNGs,
 * no external resources. Flows are binned before plotting, so 100k flows take seconds.
 */
public final class HtmlReport {
    private static final int CURVE_POINTS = 500;
    private static final int TIME_BUCKETS = 120;
    private static final int TOP_FEATURES = 20;
    private static final String ENSEMBLE = "ensemble";

    private HtmlReport() {}

    /**
     * @param eval metrics of these flows ({@link Evaluation#of})
     * @param flows the scored flows, in event or file order
     * @param importance permutation importance, sorted; empty when not computed
     */
    public static void write(Evaluation eval, List<ScoredFlow> flows, List<FeatureImportance.Entry> importance,
            ReportInfo info, Path out) throws IOException {
        Files.writeString(out, render(eval, flows, importance, info), StandardCharsets.UTF_8);
    }

    static String render(Evaluation eval, List<ScoredFlow> flows, List<FeatureImportance.Entry> importance, ReportInfo info) {
        List<String> names = eval.detectorNames();
        ScoreColumns c = ScoreColumns.of(names, flows);
        StringBuilder h = new StringBuilder(1 << 20);
        String title = "FlowSentry evaluation: " + info.modelId() + " v" + info.modelVersion();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        overview(h, eval, info);

        section(h, "summary", "Metrics");
        summary(h, eval, info);

        section(h, "confusion", "Confusion matrix of the ensemble");
        confusion(h, eval.ensemble());

        section(h, "distributions", "Score distributions, benign vs attack");
        h.append("<p>Calibrated scores: benign traffic is spread evenly over [0,1] by construction; a detector votes "
                + "above its threshold. The ensemble flags by vote count, so its combined score (mean of the voting "
                + "detectors' scores) has no threshold.</p>\n<div class=\"grid\">");
        List<DetectorVerdict> first = flows.isEmpty() ? List.of() : flows.get(0).verdict().detectors();
        for (int d = 0; d < names.size(); d++) {
            double threshold = first.isEmpty() ? Double.NaN : first.get(d).getThreshold();
            histogram(h, names.get(d), c.attack, c.detectorScore[d], threshold);
        }
        histogram(h, ENSEMBLE, c.attack, c.score, Double.NaN);
        h.append("</div>\n");

        curves(h, eval, c);

        section(h, "severity", "Alerts by severity");
        image(h, Charts.severity(eval.severity()), 520, 300, "alerts by severity");

        section(h, "importance", "Feature importance");
        if (importance.isEmpty()) {
            h.append("<p class=\"note\">Not computed.</p>\n");
        } else {
            List<FeatureImportance.Entry> top = importance.subList(0, Math.min(TOP_FEATURES, importance.size()));
            h.append("<p>How much the ensemble's ROC-AUC drops when one raw feature is shuffled across flows "
                    + "(permutation importance); about 0 means the ensemble does not rely on it.</p>\n");
            image(h, Charts.importance(top), 820, 120 + 24 * top.size(), "feature importance");
        }

        section(h, "timeline", "Anomalies over time");
        Timeline t = Timeline.of(flows, TIME_BUCKETS);
        if (!t.byTime) h.append("<p class=\"note\">The flows have no event time: the x-axis is the flow index (input order).</p>\n");
        image(h, Charts.timeline(t), 1000, 360, "anomalies over time");

        section(h, "categories", "Recall per attack category");
        categories(h, eval);

        h.append("</body></html>\n");
        return h.toString();
    }

    private static void overview(StringBuilder h, Evaluation eval, ReportInfo info) {
        Evaluation.FlowCounts f = eval.flows();
        h.append("<table class=\"kv\">");
        row(h, "model", esc(info.modelId()) + " version " + info.modelVersion());
        row(h, "generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        row(h, "data", info.dataSources().isEmpty() ? "(not given)" : String.join("<br>", info.dataSources().stream().map(HtmlReport::esc).toList()));
        row(h, "flows", Charts.count(f.total()) + " (" + Charts.count(f.labelled()) + " labelled: " + Charts.count(f.benign())
                + " benign, " + Charts.count(f.attack()) + " attack; " + Charts.count(f.total() - f.labelled())
                + " of unknown label, kept out of the metrics)");
        h.append("</table>\n");
        if (!info.trainingSummary().isBlank()) h.append("<h3>Training</h3><pre>").append(esc(info.trainingSummary())).append("</pre>\n");
    }

    private static void summary(StringBuilder h, Evaluation eval, ReportInfo info) {
        h.append("<table><tr><th>detector</th><th>ROC-AUC</th><th>PR-AUC</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>accuracy</th><th>TP</th><th>FP</th><th>TN</th><th>FN</th></tr>\n");
        metricsRow(h, ENSEMBLE + " (flag)", eval.ensemble(), true);
        eval.detectors().forEach((name, m) -> metricsRow(h, name
                + (info.nonVotingDetectors().contains(name) ? " (own decision, not in the ensemble vote)" : " (vote)"), m, false));
        h.append("</table>\n<p class=\"note\">Attack is the positive class. AUCs rank by score; the other columns "
                + "judge the decision. n/a: undefined (e.g. precision with nothing flagged, AUC with one class).</p>\n");
    }

    private static void metricsRow(StringBuilder h, String name, Metrics m, boolean bold) {
        h.append(bold ? "<tr class=\"strong\">" : "<tr>").append("<td>").append(esc(name)).append("</td>");
        for (double v : new double[] {m.rocAuc(), m.prAuc(), m.precision(), m.recall(), m.f1(), m.accuracy()}) {
            h.append("<td class=\"num\">").append(number(v)).append("</td>");
        }
        for (long v : new long[] {m.tp(), m.fp(), m.tn(), m.fn()}) h.append("<td class=\"num\">").append(Charts.count(v)).append("</td>");
        h.append("</tr>\n");
    }

    /** A 2x2 heat table: each cell shaded by its share of the true class's flows. */
    private static void confusion(StringBuilder h, Metrics m) {
        h.append("<table class=\"confusion\"><tr><th>truth \\ ensemble</th><th>not flagged</th><th>flagged</th></tr>\n");
        confusionRow(h, "benign", m.tn(), m.fp(), Charts.BENIGN);
        confusionRow(h, "attack", m.fn(), m.tp(), Charts.ATTACK);
        h.append("</table>\n");
    }

    private static void confusionRow(StringBuilder h, String truth, long notFlagged, long flagged, Color color) {
        long total = notFlagged + flagged;
        h.append("<tr><th>").append(truth).append("</th>");
        for (long n : new long[] {notFlagged, flagged}) {
            double share = total == 0 ? 0 : (double) n / total;
            h.append(String.format(Locale.ROOT, "<td style=\"background:rgba(%d,%d,%d,%.2f)\">", color.getRed(), color.getGreen(),
                    color.getBlue(), 0.08 + 0.7 * share));
            h.append(Charts.count(n)).append("<br><small>").append(total == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * share))
                    .append("</small></td>");
        }
        h.append("</tr>\n");
    }

    private static void histogram(StringBuilder h, String name, boolean[] attack, double[] score, double threshold) {
        int attacks = 0;
        for (boolean a : attack) if (a) attacks++;
        double[] benign = new double[attack.length - attacks];
        double[] bad = new double[attacks];
        int b = 0;
        int a = 0;
        for (int i = 0; i < attack.length; i++) {
            if (attack[i]) bad[a++] = score[i];
            else benign[b++] = score[i];
        }
        image(h, Charts.histogram(name, benign, bad, threshold), 440, 270, "score distribution of " + name);
    }

    private static void curves(StringBuilder h, Evaluation eval, ScoreColumns c) {
        List<String> names = eval.detectorNames();
        List<Charts.Line> roc = new ArrayList<>();
        List<Charts.Line> pr = new ArrayList<>();
        for (int d = 0; d <= names.size(); d++) {
            boolean ensemble = d == names.size();
            String name = ensemble ? ENSEMBLE : names.get(d);
            Metrics m = ensemble ? eval.ensemble() : eval.detectors().get(name);
            Ranking r = Ranking.of(c.attack, ensemble ? c.score : c.detectorScore[d]);
            Color color = ensemble ? Charts.ENSEMBLE : Charts.detectorColor(d);
            float width = ensemble ? 2.5f : 1.5f;
            double[][] rc = r.rocCurve(CURVE_POINTS);
            double[][] pc = r.precisionRecallCurve(CURVE_POINTS);
            roc.add(new Charts.Line(name + " (AUC " + number(m.rocAuc()) + ")", rc[0], rc[1], color, width));
            pr.add(new Charts.Line(name + " (AP " + number(m.prAuc()) + ")", pc[0], pc[1], color, width));
        }
        double prevalence = Metrics.ratio(eval.flows().attack(), eval.flows().labelled());
        h.append("<div class=\"grid\"><div>"); // side by side: the two views of the same ranking
        section(h, "roc", "ROC curves");
        image(h, Charts.curves("ROC curves", "false positive rate (share of benign flagged)", "true positive rate (recall)", roc,
                new Charts.Line("chance", new double[] {0, 1}, new double[] {0, 1}, Color.GRAY, 1)), 530, 480, "ROC curves");
        h.append("</div><div>");
        section(h, "pr", "Precision-recall curves");
        Charts.Line baseline = Double.isNaN(prevalence) ? null
                : new Charts.Line("attack share " + number(prevalence), new double[] {0, 1}, new double[] {prevalence, prevalence}, Color.GRAY, 1);
        image(h, Charts.curves("Precision-recall curves", "recall", "precision", pr, baseline), 530, 480, "precision-recall curves");
        h.append("</div></div>\n");
    }

    private static void categories(StringBuilder h, Evaluation eval) {
        if (eval.perCategory().isEmpty()) {
            h.append("<p class=\"note\">No attack flows.</p>\n");
            return;
        }
        h.append("<table><tr><th>category</th><th>flows</th><th>flagged</th><th>ensemble recall</th>");
        for (String name : eval.detectorNames()) h.append("<th>").append(esc(name)).append(" recall</th>");
        h.append("</tr>\n");
        List<Map.Entry<String, Evaluation.CategoryRecall>> rows = new ArrayList<>(eval.perCategory().entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, Evaluation.CategoryRecall> e) -> e.getValue().flows()).reversed());
        for (Map.Entry<String, Evaluation.CategoryRecall> e : rows) {
            Evaluation.CategoryRecall r = e.getValue();
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"num\">").append(Charts.count(r.flows()))
                    .append("</td><td class=\"num\">").append(Charts.count(r.detected())).append("</td><td class=\"num strong\">")
                    .append(number(r.recall())).append("</td>");
            for (String name : eval.detectorNames()) h.append("<td class=\"num\">").append(number(r.recall(name))).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void section(StringBuilder h, String id, String title) {
        h.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
    }

    private static void image(StringBuilder h, JFreeChart chart, int width, int height, String alt) {
        h.append("<img width=\"").append(width).append("\" height=\"").append(height).append("\" alt=\"").append(esc(alt))
                .append("\" src=\"").append(Charts.png(chart, width, height)).append("\">\n");
    }

    private static void row(StringBuilder h, String key, String html) {
        h.append("<tr><th>").append(key).append("</th><td>").append(html).append("</td></tr>");
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 12px}
            h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.strong td,td.strong{font-weight:bold}table.kv th{width:90px}
            table.confusion td{text-align:center;min-width:120px;font-size:16px}
            .grid{display:flex;flex-wrap:wrap;gap:8px}.note{color:#666;font-size:13px}
            pre{background:#f7f7f7;padding:8px;white-space:pre-wrap}img{display:block;margin:6px 0}
            """;
}
