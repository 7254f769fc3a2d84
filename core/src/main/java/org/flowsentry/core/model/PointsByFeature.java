package org.flowsentry.core.model;

import java.util.Arrays;

/**
 * A set of points (support vectors, centroids, a k-d tree leaf's references) stored by feature, for
 * the squared Euclidean distances from one x to all of them at once. Each point's sum adds its
 * terms in feature order, as a loop over that point's features would (and Smile's
 * MathEx.squaredDistance); looping over the points innermost is element-wise, which runs as SIMD
 * instructions ({@link VectorKernels} with the vector module, else the JIT's own; one sum alone
 * is a chain of dependent adds, bound by their latency). Immutable.
 */
final class PointsByFeature {
    private final int count;
    private final int dim;
    private final boolean vector;
    /** Plain loops: [j][i] = feature j of point i. */
    private final double[][] byFeature;
    /** Vector kernels: [j * padded + i] = feature j of point i, zero in the padding. */
    private final double[] flat;
    private final int padded;

    private PointsByFeature(double[] rows, int count, int dim, boolean vector) {
        Arrays2.require(count > 0 && dim > 0 && rows.length == count * dim, count + " points of " + dim + " features in " + rows.length + " values");
        this.count = count;
        this.dim = dim;
        this.vector = vector;
        padded = Vectors.padded(count, vector);
        if (vector) {
            byFeature = null;
            flat = new double[dim * padded];
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < dim; j++) flat[j * padded + i] = rows[i * dim + j];
            }
        } else {
            byFeature = Arrays2.columns(rows, count, dim);
            flat = null;
        }
    }

    /** The points given row by row (rows[i * dim + j] = feature j of point i). */
    static PointsByFeature of(double[] rows, int count, int dim) {
        return new PointsByFeature(rows, count, dim, Vectors.ENABLED);
    }

    /** As {@link #of(double[], int, int)}, choosing the kernels (tests compare the two). */
    static PointsByFeature of(double[] rows, int count, int dim, boolean vector) {
        return new PointsByFeature(rows, count, dim, vector);
    }

    int count() {
        return count;
    }

    /** The length a distances array needs: the count, and room for the vector kernels' padding. */
    int scratchLength() {
        return padded;
    }

    /** Writes the squared distances from x to the points into s[0 .. count) (s of at least {@link #scratchLength()}) and returns s. */
    double[] squaredDistances(double[] x, double[] s) {
        if (vector) {
            VectorKernels.squaredDistances(x, dim, flat, padded, s);
            return s;
        }
        Arrays.fill(s, 0, count, 0.0);
        int m = count;
        int j = 0;
        // Four features per pass: a quarter of the loads and stores of s; the four terms are
        // still added one after another, in feature order.
        for (; j + 4 <= dim; j += 4) {
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
        for (; j < dim; j++) {
            double v = x[j];
            double[] column = byFeature[j];
            for (int i = 0; i < m; i++) {
                double e = v - column[i];
                s[i] += e * e;
            }
        }
        return s;
    }
}
