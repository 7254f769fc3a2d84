package org.flowsentry.core.model;

import org.flowsentry.schema.KernelModel;

/** One-class SVM with a Gaussian kernel: sum_i w_i exp(-gamma |x - v_i|^2) + b, oriented so higher is more anomalous. */
final class KernelScorer implements DetectorScorer {
    private final int d;
    private final double gamma;
    private final double[] vectors;
    private final double[] weights;
    private final double intercept;
    private final double sign;

    KernelScorer(KernelModel m, int width) {
        d = m.getDimension();
        Arrays2.require(d == width, "one-class SVM has dimension " + d + " but the spec has " + width);
        Arrays2.require(m.getGamma() > 0, "one-class SVM gamma must be positive");
        gamma = m.getGamma();
        vectors = Arrays2.doubles(m.getSupportVectors());
        weights = Arrays2.doubles(m.getWeights());
        Arrays2.require(vectors.length == weights.length * d, "one-class SVM support vectors and weights disagree");
        intercept = m.getIntercept();
        sign = m.getNegate() ? -1.0 : 1.0;
    }

    @Override
    public double score(double[] x) {
        double s = intercept;
        int m = weights.length;
        int i = 0;
        // Four support vectors per pass: their distance sums are independent chains the CPU overlaps
        // (one chain is add-latency bound); each sum still adds its terms in feature order.
        for (; i + 4 <= m; i += 4) {
            int o0 = i * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < d; j++) {
                double v = x[j];
                double e0 = v - vectors[o0 + j];
                double e1 = v - vectors[o1 + j];
                double e2 = v - vectors[o2 + j];
                double e3 = v - vectors[o3 + j];
                s0 += e0 * e0;
                s1 += e1 * e1;
                s2 += e2 * e2;
                s3 += e3 * e3;
            }
            s += weights[i] * Math.exp(-gamma * s0);
            s += weights[i + 1] * Math.exp(-gamma * s1);
            s += weights[i + 2] * Math.exp(-gamma * s2);
            s += weights[i + 3] * Math.exp(-gamma * s3);
        }
        for (; i < m; i++) {
            s += weights[i] * Math.exp(-gamma * Arrays2.squaredDistance(x, vectors, i * d, d));
        }
        return sign * s;
    }
}
