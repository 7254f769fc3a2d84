package org.flowsentry.core.model;

import org.flowsentry.schema.KernelModel;

/** One-class SVM with a Gaussian kernel: sum_i w_i exp(-gamma |x - v_i|^2) + b, oriented so higher is more anomalous. */
final class KernelScorer implements DetectorScorer {
    private final int d;
    private final double gamma;
    /** Support vectors by feature: [j][i] = feature j of vector i. */
    private final double[][] byFeature;
    private final double[] weights;
    private final double intercept;
    private final double sign;

    KernelScorer(KernelModel m, int width) {
        d = m.getDimension();
        Arrays2.require(d == width, "one-class SVM has dimension " + d + " but the spec has " + width);
        Arrays2.require(m.getGamma() > 0, "one-class SVM gamma must be positive");
        gamma = m.getGamma();
        double[] vectors = Arrays2.doubles(m.getSupportVectors());
        weights = Arrays2.doubles(m.getWeights());
        Arrays2.require(vectors.length == weights.length * d, "one-class SVM support vectors and weights disagree");
        byFeature = Arrays2.columns(vectors, weights.length, d);
        intercept = m.getIntercept();
        sign = m.getNegate() ? -1.0 : 1.0;
    }

    @Override
    public Scratch newScratch() {
        return new Distances(weights.length);
    }

    @Override
    public double score(double[] x, Scratch scratch) {
        double[] dist = Arrays2.squaredDistances(x, byFeature, ((Distances) scratch).values);
        double s = intercept;
        for (int i = 0; i < weights.length; i++) s += weights[i] * Math.exp(-gamma * dist[i]);
        return sign * s;
    }
}
