package org.flowsentry.core.model;

import org.flowsentry.schema.LofModel;

/**
 * Local Outlier Factor against a reference set of benign points (optionally in a projected,
 * lower-dimensional space): LOF(x) = mean lrd of x's k nearest references / lrd(x). The trainer
 * computes the references' k-distances and densities with {@link #lrd}, so both sides use one
 * definition.
 */
public final class LofScorer implements DetectorScorer {
    /** Floor on the summed reachability distance, so duplicate points give a finite density. */
    public static final double MIN_REACH_SUM = 1e-10;

    private final int k;
    private final int dim;
    private final int width;
    private final double[] points;
    private final double[] kDistance;
    private final double[] lrd;
    private final double[] projection;
    private final double[] center;
    private final int n;

    LofScorer(LofModel m, int width) {
        this.width = width;
        k = m.getK();
        dim = m.getDimension();
        points = Arrays2.doubles(m.getPoints());
        kDistance = Arrays2.doubles(m.getKDistance());
        lrd = Arrays2.doubles(m.getLrd());
        projection = Arrays2.doubles(m.getProjection());
        center = Arrays2.doubles(m.getProjectionCenter());
        n = kDistance.length;
        Arrays2.require(k >= 1 && k <= n, "LOF k must be in 1..number of reference points");
        Arrays2.require(points.length == n * dim && lrd.length == n, "LOF reference arrays disagree");
        if (projection.length == 0) {
            Arrays2.require(dim == width, "LOF has dimension " + dim + " but the spec has " + width);
        } else {
            Arrays2.require(projection.length == dim * width && center.length == width,
                    "LOF projection is not " + dim + " x " + width);
        }
    }

    /** Local reachability density from a point's neighbours' k-distances and its distances to them. */
    public static double lrd(int k, double[] neighbourKDistance, double[] distance) {
        double sum = 0;
        for (int i = 0; i < k; i++) sum += Math.max(neighbourKDistance[i], distance[i]);
        return k / Math.max(sum, MIN_REACH_SUM);
    }

    @Override
    public double score(double[] x) {
        double[] z = project(x);
        int[] nn = new int[k];
        double[] nd = new double[k]; // squared distances, ascending
        int found = 0;
        for (int i = 0; i < n; i++) {
            double s = Arrays2.squaredDistance(z, points, i * dim, dim);
            if (found < k) {
                insert(nn, nd, found++, i, s);
            } else if (s < nd[k - 1]) {
                insert(nn, nd, k - 1, i, s);
            }
        }
        double[] kd = new double[k];
        double meanLrd = 0;
        for (int i = 0; i < k; i++) {
            kd[i] = kDistance[nn[i]];
            nd[i] = Math.sqrt(nd[i]);
            meanLrd += lrd[nn[i]];
        }
        meanLrd /= k;
        return meanLrd / lrd(k, kd, nd);
    }

    /** Inserts (index, distance) keeping the first slots sorted by distance, ties by lower index first. */
    private static void insert(int[] nn, double[] nd, int slot, int index, double dist) {
        int j = slot;
        while (j > 0 && nd[j - 1] > dist) {
            nn[j] = nn[j - 1];
            nd[j] = nd[j - 1];
            j--;
        }
        nn[j] = index;
        nd[j] = dist;
    }

    /** x in the reference space: P (x - c), or x itself without a projection. */
    public double[] project(double[] x) {
        if (projection.length == 0) return x;
        double[] z = new double[dim];
        for (int r = 0; r < dim; r++) {
            double s = 0;
            int row = r * width;
            for (int j = 0; j < width; j++) s += projection[row + j] * (x[j] - center[j]);
            z[r] = s;
        }
        return z;
    }
}
