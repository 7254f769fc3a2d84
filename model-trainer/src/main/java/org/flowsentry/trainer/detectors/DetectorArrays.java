package org.flowsentry.trainer.detectors;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Input checks, seeded row sampling and Avro list conversions shared by the one-class SVM, LOF and autoencoder trainers. */
final class DetectorArrays {
    private DetectorArrays() {}

    /**
     * The width of x, after checking it has rows, all of that width and finite (Smile would
     * otherwise fit NaN models silently).
     */
    static int width(double[][] x) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("no training rows");
        int d = x[0].length;
        if (d == 0) throw new IllegalArgumentException("training rows have no features");
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, row 0 has " + d);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("row " + i + " has a non-finite value");
            }
        }
        return d;
    }

    /** 0..n-1 in a random order drawn from random (Fisher-Yates). */
    static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * At most max rows of x drawn without replacement from random (the rows themselves, not
     * copies); all of x, in order, when it has no more than max rows.
     */
    static double[][] sample(double[][] x, int max, SplittableRandom random) {
        if (x.length <= max) return x.clone();
        int[] order = shuffled(x.length, random);
        double[][] rows = new double[max][];
        for (int i = 0; i < max; i++) rows[i] = x[order[i]];
        return rows;
    }

    static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) list.add(v);
        return list;
    }

    /** Rows concatenated (row-major), as the bundle stores matrices. */
    static List<Double> rowMajor(double[][] rows) {
        List<Double> list = new ArrayList<>(rows.length * (rows.length == 0 ? 0 : rows[0].length));
        for (double[] row : rows) {
            for (double v : row) list.add(v);
        }
        return list;
    }
}
