package org.flowsentry.core.model;

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
