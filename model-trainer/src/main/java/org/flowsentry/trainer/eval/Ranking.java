package org.flowsentry.trainer.eval;

import java.util.Arrays;

/**
 * Scores of labelled flows ranked from the highest: at each distinct score (threshold), how many
 * positives and negatives score at or above it. The basis of average precision and of the
 * plotted ROC and precision-recall curves, as scikit-learn builds them (ties share one point).
 */
final class Ranking {
    private final double[] thresholds;
    private final long[] tps;
    private final long[] fps;
    private final long positives;
    private final long negatives;

    private Ranking(double[] thresholds, long[] tps, long[] fps, long positives, long negatives) {
        this.thresholds = thresholds;
        this.tps = tps;
        this.fps = fps;
        this.positives = positives;
        this.negatives = negatives;
    }

    /** @throws IllegalArgumentException on a NaN score (calibrated scores never are) */
    static Ranking of(boolean[] truth, double[] score) {
        if (truth.length != score.length) throw new IllegalArgumentException("truth and scores differ in length");
        int p = 0;
        for (boolean t : truth) if (t) p++;
        double[] pos = new double[p];
        double[] neg = new double[truth.length - p];
        int a = 0;
        int b = 0;
        for (int i = 0; i < truth.length; i++) {
            if (Double.isNaN(score[i])) throw new IllegalArgumentException("NaN score at row " + i);
            if (truth[i]) pos[a++] = score[i];
            else neg[b++] = score[i];
        }
        // Two primitive sorts and a merge from the top: no boxing, fast on 100k+ flows.
        Arrays.sort(pos);
        Arrays.sort(neg);
        double[] th = new double[truth.length];
        long[] tp = new long[truth.length];
        long[] fp = new long[truth.length];
        int i = pos.length - 1;
        int k = neg.length - 1;
        int m = 0;
        long tpCount = 0;
        long fpCount = 0;
        while (i >= 0 || k >= 0) {
            double t = i < 0 ? neg[k] : k < 0 ? pos[i] : Math.max(pos[i], neg[k]);
            while (i >= 0 && pos[i] == t) {
                tpCount++;
                i--;
            }
            while (k >= 0 && neg[k] == t) {
                fpCount++;
                k--;
            }
            th[m] = t;
            tp[m] = tpCount;
            fp[m] = fpCount;
            m++;
        }
        return new Ranking(Arrays.copyOf(th, m), Arrays.copyOf(tp, m), Arrays.copyOf(fp, m), pos.length, neg.length);
    }

    long positives() {
        return positives;
    }

    long negatives() {
        return negatives;
    }

    /**
     * Step-wise average precision as scikit-learn's average_precision_score defines it:
     * sum over thresholds of (R_n - R_(n-1)) * P_n, no interpolation. Smile 3.1.1 has no
     * PR-AUC. NaN without positives; 1.0 when every flow is positive.
     */
    double averagePrecision() {
        if (positives == 0) return Double.NaN;
        double ap = 0;
        long previousTp = 0;
        for (int m = 0; m < thresholds.length; m++) {
            ap += (double) (tps[m] - previousTp) / positives * tps[m] / (tps[m] + fps[m]);
            previousTp = tps[m];
        }
        return ap;
    }

    /** ROC curve as {fpr[], tpr[]} from (0,0), thinned to about maxPoints; empty unless both classes are present. */
    double[][] rocCurve(int maxPoints) {
        if (positives == 0 || negatives == 0) return new double[][] {{}, {}};
        int[] at = sample(maxPoints);
        double[] x = new double[at.length + 1];
        double[] y = new double[at.length + 1];
        for (int s = 0; s < at.length; s++) {
            x[s + 1] = (double) fps[at[s]] / negatives;
            y[s + 1] = (double) tps[at[s]] / positives;
        }
        return new double[][] {x, y};
    }

    /** Precision-recall curve as {recall[], precision[]}, thinned to about maxPoints; empty without positives. */
    double[][] precisionRecallCurve(int maxPoints) {
        if (positives == 0) return new double[][] {{}, {}};
        int[] at = sample(maxPoints);
        double[] x = new double[at.length];
        double[] y = new double[at.length];
        for (int s = 0; s < at.length; s++) {
            x[s] = (double) tps[at[s]] / positives;
            y[s] = (double) tps[at[s]] / (tps[at[s]] + fps[at[s]]);
        }
        return new double[][] {x, y};
    }

    /** Indices of evenly spaced thresholds, always including the last (every flow at or above it). */
    private int[] sample(int maxPoints) {
        int n = thresholds.length;
        int step = Math.max(1, (n + maxPoints - 1) / maxPoints);
        int count = (n - 1) / step + 1 + ((n - 1) % step == 0 ? 0 : 1);
        int[] at = new int[count];
        for (int s = 0; s < count; s++) at[s] = Math.min(s * step, n - 1);
        return at;
    }
}
