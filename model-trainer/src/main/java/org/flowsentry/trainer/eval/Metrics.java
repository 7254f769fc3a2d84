package org.flowsentry.trainer.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import smile.validation.metric.AUC;

/**
 * Detection quality of one detector (or the ensemble) on labelled flows, attack = positive:
 * ROC-AUC and PR-AUC of its score, and the confusion counts of its decision. A ratio whose
 * denominator is zero (e.g. precision with nothing flagged, ROC-AUC with one class) is NaN,
 * written as null in JSON.
 */
public record Metrics(double rocAuc, double prAuc, long tp, long fp, long tn, long fn) {

    /**
     * @param truth attack per flow
     * @param score higher = more anomalous
     * @param predicted the decision per flow (vote or flag)
     */
    public static Metrics of(boolean[] truth, double[] score, boolean[] predicted) {
        if (truth.length != score.length || truth.length != predicted.length) {
            throw new IllegalArgumentException("truth, scores and decisions differ in length");
        }
        // Counted by hand: Smile's ConfusionMatrix sizes itself by the classes present (1x1 on one class).
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i]) {
                if (predicted[i]) tp++;
                else fn++;
            } else {
                if (predicted[i]) fp++;
                else tn++;
            }
        }
        return new Metrics(rocAuc(truth, score), Ranking.of(truth, score).averagePrecision(), tp, fp, tn, fn);
    }

    /**
     * ROC-AUC by Smile: Mann-Whitney U with mid-ranks, so ties count half, as in scikit-learn's
     * roc_auc_score. NaN unless both classes are present (scikit-learn raises there).
     */
    public static double rocAuc(boolean[] truth, double[] score) {
        int[] y = new int[truth.length];
        int positives = 0;
        for (int i = 0; i < truth.length; i++) {
            y[i] = truth[i] ? 1 : 0;
            positives += y[i];
        }
        if (positives == 0 || positives == truth.length) return Double.NaN;
        return AUC.of(y, score);
    }

    public double precision() {
        return ratio(tp, tp + fp);
    }

    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** 2TP / (2TP + FP + FN): the harmonic mean of precision and recall, 0 when they are 0 or undefined with errors present. */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    public double accuracy() {
        return ratio(tp + tn, tp + fp + tn + fn);
    }

    /** {"roc_auc", "pr_auc", "precision", "recall", "f1", "accuracy", "confusion": {"tp", "fp", "tn", "fn"}}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        putNumber(n, "roc_auc", rocAuc);
        putNumber(n, "pr_auc", prAuc);
        putNumber(n, "precision", precision());
        putNumber(n, "recall", recall());
        putNumber(n, "f1", f1());
        putNumber(n, "accuracy", accuracy());
        ObjectNode c = n.putObject("confusion");
        c.put("tp", tp);
        c.put("fp", fp);
        c.put("tn", tn);
        c.put("fn", fn);
        return n;
    }

    /** JSON has no NaN: an undefined metric is null. */
    static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) node.putNull(key);
        else node.put(key, value);
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
