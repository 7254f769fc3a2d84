package org.flowsentry.core.model;

import org.flowsentry.schema.KMeansModel;

/** Euclidean distance to the nearest K-Means centroid of benign traffic. */
final class KMeansScorer implements DetectorScorer {
    /**
     * Centroids per block: {@link #scoreAtLeast} stops after a block that holds a centroid
     * nearer than its floor. Most benign flows have several centroids within the voting distance
     * (about 10 of 32 in the JMH benchmark's model), so the first block usually decides.
     */
    static final int BLOCK = 16;

    private final int d;
    private final int k;
    /** Centroids by block, then by feature: [b][j][c] = feature j of centroid b * BLOCK + c. */
    private final double[][][] blocks;

    KMeansScorer(KMeansModel m, int width) {
        d = m.getDimension();
        Arrays2.require(d == width, "k-means has dimension " + d + " but the spec has " + width);
        double[] centroids = Arrays2.doubles(m.getCentroids());
        k = centroids.length / d;
        Arrays2.require(k > 0 && centroids.length == k * d, "k-means centroids are not a multiple of the dimension");
        blocks = new double[(k + BLOCK - 1) / BLOCK][][];
        for (int b = 0; b < blocks.length; b++) {
            int from = b * BLOCK;
            int size = Math.min(BLOCK, k - from);
            double[] part = new double[size * d];
            System.arraycopy(centroids, from * d, part, 0, part.length);
            blocks[b] = Arrays2.columns(part, size, d);
        }
    }

    @Override
    public Scratch newScratch() {
        return new Distances(BLOCK);
    }

    @Override
    public double score(double[] x, Scratch scratch) {
        return scoreAtLeast(x, scratch, Double.NaN);
    }

    /**
     * Stops after a block whose nearest centroid is nearer than floor: the nearest of all can only
     * be nearer still. Each centroid's squared distance is summed as when every one is computed,
     * and the minimum is exact, so a score that is returned is {@link #score(double[], Scratch)}'s.
     */
    @Override
    public double scoreAtLeast(double[] x, Scratch scratch, double floor) {
        double[] s = ((Distances) scratch).values;
        double best = Double.POSITIVE_INFINITY;
        for (double[][] block : blocks) {
            Arrays2.squaredDistances(x, block, s);
            for (int c = 0; c < block[0].length; c++) best = Math.min(best, s[c]);
            if (Math.sqrt(best) < floor) return Double.NEGATIVE_INFINITY;
        }
        return Math.sqrt(best);
    }
}
