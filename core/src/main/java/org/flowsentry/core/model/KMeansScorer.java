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

    /** The distances of one block, and where the last {@link #scoreAtLeast} stopped, for {@link #finishScore}. */
    private static final class Nearest implements Scratch {
        final double[] distances = new double[BLOCK];
        /** The first block not measured, or -1 when the last call did not stop. */
        int stoppedAt = -1;
        double stoppedBest;
    }

    @Override
    public Scratch newScratch() {
        return new Nearest();
    }

    @Override
    public double score(double[] x, Scratch scratch) {
        return nearest(x, (Nearest) scratch, 0, Double.POSITIVE_INFINITY, Double.NaN);
    }

    /**
     * Stops after a block whose nearest centroid is nearer than floor: the nearest of all can only
     * be nearer still. Each centroid's squared distance is summed as when every one is computed,
     * and the minimum is exact, so a score that is returned is {@link #score(double[], Scratch)}'s.
     */
    @Override
    public double scoreAtLeast(double[] x, Scratch scratch, double floor) {
        return nearest(x, (Nearest) scratch, 0, Double.POSITIVE_INFINITY, floor);
    }

    /** Goes on from the block where the last {@link #scoreAtLeast} stopped, with the nearest distance found so far. */
    @Override
    public double finishScore(double[] x, Scratch scratch) {
        Nearest n = (Nearest) scratch;
        return n.stoppedAt < 0 ? score(x, n) : nearest(x, n, n.stoppedAt, n.stoppedBest, Double.NaN);
    }

    /**
     * The distance to the nearest centroid, measuring the blocks from {@code from} on with best the
     * least squared distance before them; -infinity, with where it stopped noted in n, once it is
     * nearer than floor.
     */
    private double nearest(double[] x, Nearest n, int from, double best, double floor) {
        double[] s = n.distances;
        n.stoppedAt = -1;
        for (int b = from; b < blocks.length; b++) {
            double[][] block = blocks[b];
            Arrays2.squaredDistances(x, block, s);
            for (int c = 0; c < block[0].length; c++) best = Math.min(best, s[c]);
            if (Math.sqrt(best) < floor) {
                n.stoppedAt = b + 1;
                n.stoppedBest = best;
                return Double.NEGATIVE_INFINITY;
            }
        }
        return Math.sqrt(best);
    }
}
