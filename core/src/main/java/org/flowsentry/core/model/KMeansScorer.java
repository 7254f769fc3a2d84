package org.flowsentry.core.model;

import org.flowsentry.schema.KMeansModel;

/** Euclidean distance to the nearest K-Means centroid of benign traffic. */
final class KMeansScorer implements DetectorScorer {
    private final int d;
    private final int k;
    /** Centroids by feature: [j][c] = feature j of centroid c. */
    private final double[][] byFeature;

    KMeansScorer(KMeansModel m, int width) {
        d = m.getDimension();
        Arrays2.require(d == width, "k-means has dimension " + d + " but the spec has " + width);
        double[] centroids = Arrays2.doubles(m.getCentroids());
        k = centroids.length / d;
        Arrays2.require(k > 0 && centroids.length == k * d, "k-means centroids are not a multiple of the dimension");
        byFeature = Arrays2.columns(centroids, k, d);
    }

    @Override
    public Scratch newScratch() {
        return new Distances(k);
    }

    @Override
    public double score(double[] x, Scratch scratch) {
        double[] s = Arrays2.squaredDistances(x, byFeature, ((Distances) scratch).values);
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) best = Math.min(best, s[c]);
        return Math.sqrt(best);
    }
}
