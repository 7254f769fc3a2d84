package org.flowsentry.trainer.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.flowsentry.core.model.EnsembleScorer;

/** Permutation feature importance: how much the ensemble's ROC-AUC drops when one raw feature is shuffled. */
public final class FeatureImportance {
    private FeatureImportance() {}

    /** A feature and the drop in ensemble ROC-AUC when its column is shuffled (larger = more important; about 0 = unused). */
    public record Entry(String feature, double importance) {}

    /**
     * Shuffles each column of the raw (unscaled) matrix in turn, seeded, re-scores the rows
     * with the whole ensemble (scaling included) and reports baseline ROC-AUC minus shuffled
     * ROC-AUC per feature, highest first. Cost is features x rows ensemble scores, so at most
     * maxRows rows are used, a seeded random subsample. Every importance is NaN when the rows
     * used hold one class only. The caller's matrix is not modified.
     *
     * @param raw labelled rows, {@code scorer.layout().width()} wide
     * @param attack ground truth per row
     */
    public static List<Entry> permutation(EnsembleScorer scorer, double[][] raw, boolean[] attack, long seed, int maxRows) {
        int width = scorer.layout().width();
        if (raw.length != attack.length) throw new IllegalArgumentException("rows and labels differ in length");
        if (maxRows < 2) throw new IllegalArgumentException("maxRows must be at least 2: " + maxRows);
        for (double[] row : raw) {
            if (row.length != width) throw new IllegalArgumentException("row of width " + row.length + ", the model has " + width + " features");
        }
        // SplittableRandom, not Smile's MathEx: that one shares a global generator.
        SplittableRandom random = new SplittableRandom(seed);
        int[] rows = sample(raw.length, maxRows, random);
        double[][] x = new double[rows.length][];
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = raw[rows[i]].clone();
            y[i] = attack[rows[i]];
        }
        double baseline = Metrics.rocAuc(y, scores(scorer, x));

        List<String> names = scorer.layout().names();
        List<Entry> out = new ArrayList<>(width);
        double[] saved = new double[x.length];
        for (int j = 0; j < width; j++) {
            for (int i = 0; i < x.length; i++) saved[i] = x[i][j];
            int[] order = shuffled(x.length, random);
            for (int i = 0; i < x.length; i++) x[i][j] = saved[order[i]];
            out.add(new Entry(names.get(j), baseline - Metrics.rocAuc(y, scores(scorer, x))));
            for (int i = 0; i < x.length; i++) x[i][j] = saved[i];
        }
        out.sort(Comparator.comparingDouble(Entry::importance).reversed());
        return out;
    }

    private static double[] scores(EnsembleScorer scorer, double[][] x) {
        double[] s = new double[x.length];
        EnsembleScorer.Session session = scorer.newSession();
        for (int i = 0; i < x.length; i++) s[i] = session.score(x[i]).score();
        return s;
    }

    /** All row indices in order when there are few enough, else maxRows of them drawn without replacement. */
    private static int[] sample(int n, int maxRows, SplittableRandom random) {
        if (n <= maxRows) return identity(n);
        int[] all = shuffled(n, random);
        int[] out = new int[maxRows];
        System.arraycopy(all, 0, out, 0, maxRows);
        return out;
    }

    /** Fisher-Yates shuffle of 0..n-1. */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }
}
