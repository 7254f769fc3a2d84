package org.flowsentry.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoublePredicate;

/** Conversions from the bundle's Avro lists to the primitive arrays scorers work on, and the numeric helpers they share. */
final class Arrays2 {
    private Arrays2() {}

    static double[] doubles(List<Double> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    static void require(boolean condition, String what) {
        if (!condition) throw new IllegalArgumentException(what);
    }

    /**
     * A rows x cols row-major matrix by column: out[j][i] = a[i * cols + j]. One array per column
     * (not one flat array) keeps the element-wise loops over a column at the same index as their
     * output, the form the JIT turns into SIMD instructions.
     */
    static double[][] columns(double[] a, int rows, int cols) {
        double[][] out = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) out[j][i] = a[i * cols + j];
        }
        return out;
    }

    /**
     * Squared distances from x to the points whose coordinates are given by feature
     * (byFeature[j][i] = feature j of point i). Each point's sum adds its terms in feature order,
     * as a loop over that point's features would (and Smile's MathEx.squaredDistance); looping
     * over the points innermost is element-wise, which the JIT turns into SIMD instructions (one
     * sum alone is a chain of dependent adds, bound by their latency). Writes the first
     * byFeature[0].length elements of s (s may be longer) and returns s.
     */
    static double[] squaredDistances(double[] x, double[][] byFeature, double[] s) {
        int m = byFeature[0].length;
        Arrays.fill(s, 0, m, 0.0);
        int d = byFeature.length;
        int j = 0;
        // Four features per pass: a quarter of the loads and stores of s; the four terms are
        // still added one after another, in feature order.
        for (; j + 4 <= d; j += 4) {
            double v0 = x[j];
            double v1 = x[j + 1];
            double v2 = x[j + 2];
            double v3 = x[j + 3];
            double[] c0 = byFeature[j];
            double[] c1 = byFeature[j + 1];
            double[] c2 = byFeature[j + 2];
            double[] c3 = byFeature[j + 3];
            for (int i = 0; i < m; i++) {
                double e0 = v0 - c0[i];
                double e1 = v1 - c1[i];
                double e2 = v2 - c2[i];
                double e3 = v3 - c3[i];
                double t = s[i];
                t += e0 * e0;
                t += e1 * e1;
                t += e2 * e2;
                t += e3 * e3;
                s[i] = t;
            }
        }
        for (; j < d; j++) {
            double v = x[j];
            double[] column = byFeature[j];
            for (int i = 0; i < m; i++) {
                double e = v - column[i];
                s[i] += e * e;
            }
        }
        return s;
    }

    /**
     * The lowest double in (lo, hi] for which holds, a predicate that is false at lo, true at hi
     * and never turns false again as its argument grows: found by bisection over the doubles in
     * order (-0 and +0 count as one), so exact.
     */
    static double lowestWhere(double lo, double hi, DoublePredicate holds) {
        long below = ordered(lo);
        long at = ordered(hi);
        while (Long.compareUnsigned(at - below, 1) > 0) { // the span may exceed Long.MAX_VALUE: unsigned
            long mid = below + ((at - below) >>> 1);
            if (holds.test(unordered(mid))) at = mid;
            else below = mid;
        }
        return unordered(at);
    }

    /** Doubles as longs in the same order (-0 and +0 both as 0). */
    private static long ordered(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits >= 0 ? bits : Long.MIN_VALUE - bits;
    }

    private static double unordered(long key) {
        return Double.longBitsToDouble(key >= 0 ? key : Long.MIN_VALUE - key);
    }
}
