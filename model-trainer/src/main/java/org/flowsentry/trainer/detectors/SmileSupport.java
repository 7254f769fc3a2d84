package org.flowsentry.trainer.detectors;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.math.MathEx;

/**
 * Helpers shared by the Isolation Forest, K-Means and Random Forest trainers: input checks,
 * seeded row sampling, Avro lists, and reflective reads of the pinned Smile 3.1.1's private fields.
 */
final class SmileSupport {
    private SmileSupport() {}

    /**
     * Checks that x has at least minRows rows of one width with at least one column.
     *
     * @return the width
     */
    static int width(double[][] x, int minRows) {
        if (x == null || x.length < minRows) {
            throw new IllegalArgumentException("need at least " + minRows + " training rows, got "
                    + (x == null ? 0 : x.length));
        }
        int d = x[0].length;
        if (d == 0) throw new IllegalArgumentException("training rows have no features");
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, row 0 has " + d);
            }
        }
        return d;
    }

    /**
     * Up to m rows of x drawn without replacement by Smile's generator of the calling thread (seed
     * it first, with MathEx.setSeed); x itself when it has at most m rows.
     */
    static double[][] sample(double[][] x, int m) {
        if (x.length <= m) return x;
        int[] index = sampleIndex(x.length, m);
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) out[i] = x[index[i]];
        return out;
    }

    /** Indices of min(n, m) rows of n, drawn as {@link #sample} draws them; 0..n-1 in order when n <= m. */
    static int[] sampleIndex(int n, int m) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (n <= m) return order;
        for (int i = 0; i < m; i++) { // partial Fisher-Yates: m draws, not n (isolation trees sample 256 of 100,000 rows)
            int j = i + MathEx.randomInt(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return java.util.Arrays.copyOf(order, m);
    }

    static List<Double> doubles(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) out.add(v);
        return out;
    }

    /**
     * A private or package-private field of a Smile class, made readable. Smile 3.1.1 keeps the
     * structure of some fitted models private; exports read it here, and parity tests guard the
     * result, so a different Smile version fails loudly instead of exporting something else.
     */
    static Field field(String className, String name) {
        try {
            Field f = Class.forName(className).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Smile's " + className + "." + name
                    + " is not as in Smile 3.1.1, which this export was written for", e);
        }
    }

    static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Smile's " + f, e);
        }
    }

    static double getDouble(Field f, Object target) {
        try {
            return f.getDouble(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Smile's " + f, e);
        }
    }
}
