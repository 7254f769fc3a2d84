package org.flowsentry.core.model;

import java.util.List;

/** Conversions from the bundle's Avro lists to the primitive arrays scorers work on. */
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

    static double squaredDistance(double[] a, double[] b, int bOffset, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = a[j] - b[bOffset + j];
            s += diff * diff;
        }
        return s;
    }
}
