package org.flowsentry.trainer.detectors;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Input checks, seeded row sampling and Avro list conversions shared by every detector trainer. */
final class DetectorArrays {
    private DetectorArrays() {}

    /**
     * The width of x, after checking it has rows, all of that width and finite (Smile would
     * otherwise fit NaN models silently).
     */
    static int width(double[][] x) {
        return width(x, 1);
    }

    /** As {@link #width(double[][])}, requiring at least minRows rows. */
    static int width(double[][] x, int minRows) {
        if (x == null || x.length < Math.max(minRows, 1)) {
            throw new IllegalArgumentException("need at least " + Math.max(minRows, 1) + " training rows, got " + (x == null ? 0 : x.length));
        }
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
        int[] index = sampleIndex(x.length, max, random);
        double[][] rows = new double[max][];
        for (int i = 0; i < max; i++) rows[i] = x[index[i]];
        return rows;
    }

    /**
     * Indices of min(n, m) of n rows drawn without replacement; 0..n-1 in order when n <= m.
     * A partial Fisher-Yates: m draws, not n (isolation trees sample 256 of 100,000 rows).
     */
    static int[] sampleIndex(int n, int m, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (n <= m) return order;
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.copyOf(order, m);
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
