package org.flowsentry.core.model;

import java.util.Arrays;
import java.util.Comparator;
import org.flowsentry.schema.LofModel;

/**
 * Local Outlier Factor against a reference set of benign points (optionally in a projected,
 * lower-dimensional space): LOF(x) = mean lrd of x's k nearest references / lrd(x). The trainer
 * computes the references' k-distances and densities with {@link #lrd}, so both sides use one
 * definition. The k nearest references are the first k by (squared distance, reference index),
 * exactly as a linear scan finds them; a k-d tree built on load finds them without scanning
 * every reference (a linear scan costs references x dimensions per flow, too slow for a few
 * thousand references).
 */
public final class LofScorer implements DetectorScorer {
    /** Floor on the summed reachability distance, so duplicate points give a finite density. */
    public static final double MIN_REACH_SUM = 1e-10;
    /**
     * Most references in a leaf of the search tree: small leaves prune more, large ones cost less
     * per node. 16 measured about 10-15% faster than 8 on a default bundle (k = 10, 4 dimensions):
     * the first leaf then already holds k candidates to prune with. Neighbours are the same either way.
     */
    private static final int LEAF_SIZE = 16;

    private final int k;
    private final int dim;
    private final int width;
    private final double[] kDistance;
    private final double[] lrd;
    private final double[] projection; // row-major: [r * width + j]
    private final double[] center;
    private final int n;

    // k-d tree: reference points reordered so that each node covers positions lo..hi-1.
    private final int[] reference; // position -> reference index
    private final double[][][] leafPoints; // [leaf][j][i]: coordinate j of the leaf's i-th reference, by feature for SIMD
    // Each node's fields side by side, so that a step down the tree reads two cache lines, not six:
    // tree[4 * node ..] = axis, left child, right child (a leaf: -1, lo, hi, leaf number), and
    // shape[node * (2 * dim + 1) ..] = cut, the bounding box's minima, its maxima. Positions lo..mid-1
    // have value <= cut on axis, mid..hi-1 have >= cut.
    private final int[] tree;
    private final double[] shape;
    private final int stride; // of shape
    private final int depth;
    private final int maxLeaf; // most references in a leaf (identical points can exceed LEAF_SIZE)

    LofScorer(LofModel m, int width) {
        this.width = width;
        k = m.getK();
        dim = m.getDimension();
        double[] raw = Arrays2.doubles(m.getPoints());
        kDistance = Arrays2.doubles(m.getKDistance());
        lrd = Arrays2.doubles(m.getLrd());
        projection = Arrays2.doubles(m.getProjection());
        center = Arrays2.doubles(m.getProjectionCenter());
        n = kDistance.length;
        Arrays2.require(dim >= 1, "LOF dimension must be positive");
        Arrays2.require(k >= 1 && k <= n, "LOF k must be in 1..number of reference points");
        Arrays2.require(raw.length == n * dim && lrd.length == n, "LOF reference arrays disagree");
        if (projection.length == 0) {
            Arrays2.require(dim == width, "LOF has dimension " + dim + " but the spec has " + width);
        } else {
            Arrays2.require(projection.length == dim * width && center.length == width,
                    "LOF projection is not " + dim + " x " + width);
        }
        TreeBuilder t = new TreeBuilder(raw, n, dim);
        reference = new int[n];
        double[] points = new double[n * dim]; // in tree order
        for (int p = 0; p < n; p++) {
            reference[p] = t.order[p];
            System.arraycopy(raw, t.order[p] * dim, points, p * dim, dim);
        }
        stride = 2 * dim + 1;
        tree = new int[4 * t.nodes];
        shape = new double[stride * t.nodes];
        int leaves = 0;
        for (int node = 0; node < t.nodes; node++) if (t.left[node] < 0) leaves++;
        leafPoints = new double[leaves][][];
        int leaf = 0;
        int largest = 0;
        for (int node = 0; node < t.nodes; node++) {
            int from = t.lo[node];
            int to = t.hi[node];
            boolean isLeaf = t.left[node] < 0;
            tree[4 * node] = isLeaf ? -1 : t.axis[node];
            tree[4 * node + 1] = isLeaf ? from : t.left[node];
            tree[4 * node + 2] = isLeaf ? to : t.right[node];
            if (isLeaf) {
                tree[4 * node + 3] = leaf;
                largest = Math.max(largest, to - from);
                leafPoints[leaf++] = Arrays2.columns(Arrays.copyOfRange(points, from * dim, to * dim), to - from, dim);
            }
            int o = stride * node;
            shape[o] = t.cut[node];
            for (int j = 0; j < dim; j++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int p = from; p < to; p++) {
                    min = Math.min(min, points[p * dim + j]);
                    max = Math.max(max, points[p * dim + j]);
                }
                shape[o + 1 + j] = min;
                shape[o + 1 + dim + j] = max;
            }
        }
        depth = t.depth;
        maxLeaf = largest;
    }

    /** Local reachability density from a point's neighbours' k-distances and its distances to them. */
    public static double lrd(int k, double[] neighbourKDistance, double[] distance) {
        double sum = 0;
        for (int i = 0; i < k; i++) sum += Math.max(neighbourKDistance[i], distance[i]);
        return k / Math.max(sum, MIN_REACH_SUM);
    }

    /** The projected flow, its neighbours, and the search's stack. */
    private static final class Search implements Scratch {
        final double[] z;
        final int[] nn;
        final double[] nd; // squared distances, ascending; then distances
        final double[] kd;
        final int[] stack; // at most one deferred subtree per level
        final double[] bound;
        final double[] leafDistances;

        Search(int dim, int k, int depth, int leafSize) {
            z = new double[dim];
            nn = new int[k];
            nd = new double[k];
            kd = new double[k];
            stack = new int[depth + 1];
            bound = new double[depth + 1];
            leafDistances = new double[leafSize];
        }
    }

    @Override
    public Scratch newScratch() {
        return new Search(dim, k, depth, maxLeaf);
    }

    @Override
    public double score(double[] x, Scratch scratch) {
        Search w = (Search) scratch;
        double[] z = project(x, w.z);
        int[] nn = w.nn;
        double[] nd = w.nd;
        nearest(z, w);
        double[] kd = w.kd;
        double meanLrd = 0;
        for (int i = 0; i < k; i++) {
            kd[i] = kDistance[nn[i]];
            nd[i] = Math.sqrt(nd[i]);
            meanLrd += lrd[nn[i]];
        }
        meanLrd /= k;
        return meanLrd / lrd(k, kd, nd);
    }

    /**
     * Fills w.nn/w.nd with the k nearest references of z. A subtree is skipped only when a lower bound
     * on its squared distances (the gap to a splitting plane, else the distance to its bounding
     * box, which prunes far better for flows far from every reference) is strictly above the
     * current k-th. The bounds are computed like the distances from terms no larger than theirs
     * and FP rounding is monotone, so no skipped reference could have ranked: ties are resolved
     * as a linear scan resolves them.
     */
    private void nearest(double[] z, Search w) {
        int[] nn = w.nn;
        double[] nd = w.nd;
        int[] stack = w.stack;
        double[] bound = w.bound;
        int found = 0;
        double kth = Double.POSITIVE_INFINITY; // nd[k - 1] once k are found
        stack[0] = 0;
        bound[0] = 0;
        int top = 1; // root (node 0) with bound 0
        while (top > 0) {
            top--;
            int node = stack[top];
            double b = bound[top];
            if (found == k && b > kth) continue;
            if (node != 0) { // a deferred subtree: its box bound is computed only now, with the k-th as small as it got
                b = boxDistance(z, node);
                if (found == k && b > kth) continue;
            }
            int a;
            while ((a = tree[4 * node]) >= 0) { // descend on z's side, deferring the other side
                double gap = z[a] - shape[stride * node];
                int l = tree[4 * node + 1];
                int r = tree[4 * node + 2];
                int far = gap < 0 ? r : l;
                node = gap < 0 ? l : r;
                double farBound = Math.max(b, gap * gap); // a cheap bound; the box's when popped
                if (found < k || farBound <= kth) {
                    stack[top] = far;
                    bound[top++] = farBound;
                }
            }
            int from = tree[4 * node + 1];
            int m = tree[4 * node + 2] - from;
            double[] s = Arrays2.squaredDistances(z, leafPoints[tree[4 * node + 3]], w.leafDistances);
            for (int p = 0; p < m; p++) {
                double d = s[p];
                int r = reference[from + p];
                if (found < k) {
                    insert(nn, nd, found++, r, d);
                    if (found == k) kth = nd[k - 1];
                } else if (d < kth || (d == kth && r < nn[k - 1])) {
                    insert(nn, nd, k - 1, r, d);
                    kth = nd[k - 1];
                }
            }
        }
    }

    /** Squared distance from z to the bounding box of a node (0 inside), summed in feature order. */
    private double boxDistance(double[] z, int node) {
        double s = 0;
        int min = stride * node + 1;
        int max = min + dim;
        for (int j = 0; j < dim; j++) {
            double v = z[j];
            // min - v when v is below the box, v - max when above (the other is then negative), else 0
            double gap = Math.max(shape[min + j] - v, 0.0) + Math.max(v - shape[max + j], 0.0);
            s += gap * gap;
        }
        return s;
    }

    /** Inserts (index, distance) keeping the first slots sorted by distance, ties by lower index first. */
    private static void insert(int[] nn, double[] nd, int slot, int index, double dist) {
        int j = slot;
        while (j > 0 && (nd[j - 1] > dist || (nd[j - 1] == dist && nn[j - 1] > index))) {
            nn[j] = nn[j - 1];
            nd[j] = nd[j - 1];
            j--;
        }
        nn[j] = index;
        nd[j] = dist;
    }

    /**
     * x in the reference space: P (x - c), or x itself without a projection. Each coordinate sums
     * its terms in feature order, as the trainer does; four coordinates advance together in local
     * variables, so their sums are independent chains the CPU overlaps, held in registers.
     */
    public double[] project(double[] x) {
        return project(x, new double[dim]);
    }

    /** {@link #project(double[])} into z; x itself when the model has no projection. */
    private double[] project(double[] x, double[] z) {
        if (projection.length == 0) return x;
        int r = 0;
        for (; r + 4 <= dim; r += 4) {
            int o0 = r * width;
            int o1 = o0 + width;
            int o2 = o1 + width;
            int o3 = o2 + width;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < width; j++) {
                double v = x[j] - center[j];
                s0 += projection[o0 + j] * v;
                s1 += projection[o1 + j] * v;
                s2 += projection[o2 + j] * v;
                s3 += projection[o3 + j] * v;
            }
            z[r] = s0;
            z[r + 1] = s1;
            z[r + 2] = s2;
            z[r + 3] = s3;
        }
        for (; r < dim; r++) {
            int o = r * width;
            double s = 0;
            for (int j = 0; j < width; j++) s += projection[o + j] * (x[j] - center[j]);
            z[r] = s;
        }
        return z;
    }

    /** Builds the k-d tree deterministically: median splits on the widest axis, ties by reference index. */
    private static final class TreeBuilder {
        final double[] raw;
        final int dim;
        final Integer[] order;
        final int[] lo;
        final int[] hi;
        final int[] left;
        final int[] right;
        final int[] axis;
        final double[] cut;
        int nodes;
        int depth;

        TreeBuilder(double[] raw, int n, int dim) {
            this.raw = raw;
            this.dim = dim;
            order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            int capacity = 2 * n; // every split leaves both sides non-empty: at most 2n - 1 nodes
            lo = new int[capacity];
            hi = new int[capacity];
            left = new int[capacity];
            right = new int[capacity];
            axis = new int[capacity];
            cut = new double[capacity];
            build(0, n, 0);
        }

        private int build(int from, int to, int level) {
            int id = nodes++;
            depth = Math.max(depth, level);
            lo[id] = from;
            hi[id] = to;
            left[id] = -1;
            right[id] = -1;
            if (to - from <= LEAF_SIZE) return id;
            int a = widestAxis(from, to);
            if (a < 0) return id; // identical points: one leaf
            Arrays.sort(order, from, to, Comparator.<Integer>comparingDouble(i -> raw[i * dim + a]).thenComparingInt(i -> i));
            int mid = (from + to) >>> 1;
            axis[id] = a;
            cut[id] = raw[order[mid] * dim + a];
            left[id] = build(from, mid, level + 1);
            right[id] = build(mid, to, level + 1);
            return id;
        }

        /** The axis along which positions from..to-1 spread most, or -1 when they are all equal. */
        private int widestAxis(int from, int to) {
            int best = -1;
            double widest = 0;
            for (int j = 0; j < dim; j++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int p = from; p < to; p++) {
                    double v = raw[order[p] * dim + j];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (max - min > widest) {
                    widest = max - min;
                    best = j;
                }
            }
            return best;
        }
    }
}
