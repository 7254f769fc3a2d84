package org.flowsentry.core.model;

import org.flowsentry.schema.IsolationForestModel;
import org.flowsentry.schema.IsolationTree;

/**
 * Extended Isolation Forest (as Smile grows it): score = 2^(-mean path length / c(sampleSize)).
 * All trees' nodes live in one set of flat arrays (children as absolute indices) for cache
 * locality. A node's hyperplane normal is sparse; at extension level 0 it has one entry, and
 * x[f]*w equals Smile's dense dot product exactly (the other terms are exact zeros).
 *
 * <p>Such single-feature forests are also laid out for speed: nodes renumbered so that siblings
 * are adjacent (a step is child + 0 or 1, no unpredictable branch), each node's feature and
 * child offset in one int, and leaves stepping to themselves. The test x*w &lt; b becomes
 * x &lt; t with t precomputed per node ({@link #threshold(double, double)}): x*w rounds
 * monotonically in x, so one threshold separates the two sides exactly, for every finite x
 * (scaled vectors are finite). A leaf keeps its path length where an inner node keeps its
 * threshold. A node then takes 12 bytes instead of 24: in the ensemble the forest shares the
 * core's 512 KiB L2 cache with the other detectors, and this halving made the whole ensemble
 * about 8% faster (the forest alone, in a cache of its own, no faster). Trees are walked four at
 * a time, each for the group's greatest height: a path is a chain of dependent loads, and four
 * independent chains keep the CPU busy while each waits. The same comparisons pick the same
 * leaves, and path lengths are added in tree order.
 */
final class IsolationForestScorer implements DetectorScorer {
    private static final double EULER = 0.5772156649; // the constant Smile uses
    private final int[] roots;
    private final int[] left;   // -1 for a leaf
    private final int[] right;
    private final double[] depth;
    private final double[] bias;
    private final int[] slopeStart; // node n uses entries slopeStart[n] .. slopeStart[n+1]-1
    private final int[] slopeIndex;
    private final double[] slopeValue;
    private final boolean singleFeature;
    private final double c;
    private final int width;
    // Single-feature forests only, renumbered (see above): per node n, split[n] holds its feature
    // (high 16 bits) and, as a signed 16-bit offset from n, the child taken when x[feature] <
    // threshold[n], the other child being the next number (for a negative weight that first child
    // is the right one). A leaf tests the NaN placed after the features (never below anything)
    // with offset -1, so it steps to n - 1 + 1 = itself, and its threshold is its path length.
    // 12 bytes a node: the forest's nodes take half the cache they took.
    // Per group of four trees, the most steps any takes.
    private final int[] split;
    private final double[] threshold;
    private final int[] firstNode;
    private final int[] groupHeight;
    /**
     * Per group g of four trees, the least total path length the trees from group g on can add
     * (each tree's shortest root-to-leaf path length, summed): with what the earlier groups added,
     * a lower bound on the total, so an upper bound on the score ({@link #scoreAtLeast}).
     */
    private final double[] leastRemaining;

    IsolationForestScorer(IsolationForestModel m, int width) {
        this.width = width;
        int t = m.getTrees().size();
        Arrays2.require(t > 0, "isolation forest has no trees");
        Arrays2.require(m.getSampleSize() > 1, "isolation forest sample size must be > 1");
        int nodes = 0;
        int entries = 0;
        for (IsolationTree tree : m.getTrees()) {
            nodes += tree.getLeft().size();
            entries += tree.getSlopeIndex().size();
        }
        roots = new int[t];
        left = new int[nodes];
        right = new int[nodes];
        depth = new double[nodes];
        bias = new double[nodes];
        slopeStart = new int[nodes + 1];
        slopeIndex = new int[entries];
        slopeValue = new double[entries];
        int base = 0;
        int entryBase = 0;
        boolean single = true;
        for (int i = 0; i < t; i++) {
            IsolationTree tree = m.getTrees().get(i);
            int n = tree.getLeft().size();
            Arrays2.require(n > 0 && tree.getRight().size() == n && tree.getDepth().size() == n && tree.getBias().size() == n
                    && tree.getSlopeOffset().size() == n + 1, "isolation tree " + i + " arrays disagree");
            roots[i] = base;
            if (n >= 1 << 15 || width >= 1 << 16) single = false; // offsets and features must fit 16 bits
            for (int k = 0; k < n; k++) {
                int l = tree.getLeft().get(k);
                int r = tree.getRight().get(k);
                Arrays2.require(l < n && r < n && (l < 0) == (r < 0), "isolation tree " + i + " has a dangling child");
                left[base + k] = l < 0 ? -1 : base + l;
                right[base + k] = r < 0 ? -1 : base + r;
                depth[base + k] = tree.getDepth().get(k);
                bias[base + k] = tree.getBias().get(k);
                int from = tree.getSlopeOffset().get(k);
                int to = tree.getSlopeOffset().get(k + 1);
                slopeStart[base + k] = entryBase + from;
                if (l >= 0 && to - from != 1) single = false;
            }
            for (int e = 0; e < tree.getSlopeIndex().size(); e++) {
                int f = tree.getSlopeIndex().get(e);
                Arrays2.require(f >= 0 && f < width, "isolation tree " + i + " uses feature " + f + " but the spec has " + width);
                slopeIndex[entryBase + e] = f;
                slopeValue[entryBase + e] = tree.getSlopeValue().get(e);
            }
            base += n;
            entryBase += tree.getSlopeIndex().size();
        }
        slopeStart[nodes] = entryBase;
        c = factor(m.getSampleSize());
        // Thresholds by original node; one that cannot be found (a NaN or infinite weight) keeps the
        // forest on the exact multiply path.
        double[] thresholdOf = new double[single ? nodes : 0];
        for (int n = 0; single && n < nodes; n++) {
            if (left[n] < 0) continue;
            thresholdOf[n] = threshold(slopeValue[slopeStart[n]], bias[n]);
            if (Double.isNaN(thresholdOf[n])) single = false;
        }
        singleFeature = single;
        if (single) {
            split = new int[nodes];
            threshold = new double[nodes];
            firstNode = new int[t];
            int[] renumbered = new int[nodes];
            int[] queue = new int[nodes];
            int next = 0;
            for (int i = 0; i < t; i++) { // breadth first, so that siblings get adjacent numbers
                firstNode[i] = next;
                renumbered[roots[i]] = next++;
                int head = 0;
                int tail = 0;
                queue[tail++] = roots[i];
                while (head < tail) {
                    int old = queue[head++];
                    int n = renumbered[old];
                    if (left[old] < 0) {
                        split[n] = width << 16 | 0xffff;
                        threshold[n] = depth[old];
                    } else {
                        double w = slopeValue[slopeStart[old]];
                        // x*w < b (go left) is x < t for w >= 0, and x >= t, i.e. right when x < t, for w < 0.
                        int first = w < 0 ? right[old] : left[old];
                        int second = w < 0 ? left[old] : right[old];
                        renumbered[first] = next;
                        renumbered[second] = next + 1;
                        split[n] = slopeIndex[slopeStart[old]] << 16 | (next - n); // next - n < nodes in the tree
                        threshold[n] = thresholdOf[old];
                        next += 2;
                        queue[tail++] = first;
                        queue[tail++] = second;
                    }
                }
            }
            groupHeight = new int[t / 4];
            for (int g = 0; g < groupHeight.length; g++) {
                for (int k = 0; k < 4; k++) groupHeight[g] = Math.max(groupHeight[g], height(roots[4 * g + k]));
            }
            leastRemaining = new double[groupHeight.length + 1];
            double least = 0;
            for (int i = t - 1; i >= 0; i--) {
                least += shortestPath(roots[i], i + 1 < t ? roots[i + 1] : nodes);
                if (i % 4 == 0) leastRemaining[i / 4] = least;
            }
        } else {
            split = null;
            threshold = null;
            firstNode = null;
            groupHeight = null;
            leastRemaining = null;
        }
    }

    /** Edges on the longest path from a node down to a leaf. */
    private int height(int root) {
        int best = 0;
        int[] stack = new int[left.length];
        int[] level = new int[left.length];
        int top = 0;
        stack[top] = root;
        level[top++] = 0;
        while (top > 0) {
            top--;
            int n = stack[top];
            int h = level[top];
            if (left[n] < 0) {
                best = Math.max(best, h);
            } else {
                stack[top] = left[n];
                level[top++] = h + 1;
                stack[top] = right[n];
                level[top++] = h + 1;
            }
        }
        return best;
    }

    /** The least path length (leaf depth plus its size adjustment) of the tree in nodes from .. to-1. */
    private double shortestPath(int from, int to) {
        double least = Double.POSITIVE_INFINITY;
        for (int n = from; n < to; n++) if (left[n] < 0) least = Math.min(least, depth[n]);
        return least;
    }

    /** Average path length of an unsuccessful search in a binary search tree of n nodes (Smile's form). */
    static double factor(int n) {
        return 2.0 * (Math.log(n - 1) + EULER) - 2.0 * (n - 1) / n;
    }

    /**
     * x followed by the NaN that leaves test; the total path length above which the last floor is
     * out of reach; and where the last {@link #scoreAtLeast} stopped, for {@link #finishScore}.
     */
    private static final class Padded implements Scratch {
        final double[] xs;
        double floor = Double.NaN;
        double stopAbove = Double.NaN;
        /** The first group of trees not walked, or -1 when the last call did not stop. */
        int stoppedAt = -1;
        double stoppedTotal;

        Padded(int width) {
            xs = new double[width + 1];
            xs[width] = Double.NaN;
        }
    }

    @Override
    public Scratch newScratch() {
        return singleFeature ? new Padded(width) : null;
    }

    @Override
    public double score(double[] x, Scratch scratch) {
        return score(x, scratch, Double.NaN);
    }

    /**
     * Stops after a group of trees once even the shortest paths in the trees left could not bring
     * the score up to floor: the score falls as the total path length grows, so a total that
     * already exceeds {@link #totalAbove(double)} of floor with their least lengths added cannot
     * score at or above it. Trees are still walked in order and their lengths added in order, so
     * a score that is returned is the same as {@link #score(double[], Scratch)}'s. In the JMH
     * benchmark's model, held-out benign flows (long paths) skip about 30% of the trees.
     */
    @Override
    public double scoreAtLeast(double[] x, Scratch scratch, double floor) {
        return score(x, scratch, floor);
    }

    /**
     * The total path length beyond which 2^(-(total/trees)/c) < floor, with a relative margin of
     * 1e-9 (and 1e-9 absolute) that covers the rounding of the sums, the division and pow many times
     * over; NaN (never stop) for a NaN floor, +infinity for a floor at or below 0, which every score reaches.
     */
    private double totalAbove(double floor) {
        double total = roots.length * c * -(Math.log(floor) / Math.log(2.0));
        return total + Math.abs(total) * 1e-9 + 1e-9;
    }

    private double score(double[] x, Scratch scratch, double floor) {
        if (!singleFeature) {
            double total = 0;
            for (int root : roots) total += pathSparse(root, x);
            return score(total);
        }
        Padded padded = (Padded) scratch;
        if (Double.doubleToRawLongBits(floor) != Double.doubleToRawLongBits(padded.floor)) {
            padded.floor = floor;
            padded.stopAbove = totalAbove(floor);
        }
        System.arraycopy(x, 0, padded.xs, 0, width);
        return walk(padded, 0, 0.0, padded.stopAbove);
    }

    /**
     * Completes the score that the last {@link #scoreAtLeast} on this scratch stopped early on,
     * from the group of trees where it stopped: the same trees, lengths and order as a score
     * computed in one go, so the same score.
     */
    @Override
    public double finishScore(double[] x, Scratch scratch) {
        if (!singleFeature || ((Padded) scratch).stoppedAt < 0) return score(x, scratch);
        Padded padded = (Padded) scratch;
        return walk(padded, padded.stoppedAt, padded.stoppedTotal, Double.NaN);
    }

    /**
     * Walks the renumbered trees from group {@code from} on (padded.xs holds the point), adding
     * their path lengths to total in tree order; -infinity, with where it stopped noted in padded,
     * once the total with the least lengths of the trees left exceeds stopAbove.
     */
    private double walk(Padded padded, int from, double total, double stopAbove) {
        double[] xs = padded.xs;
        padded.stoppedAt = -1;
        int t = 4 * from;
        for (int g = from; g < groupHeight.length; g++, t += 4) {
            int n0 = firstNode[t];
            int n1 = firstNode[t + 1];
            int n2 = firstNode[t + 2];
            int n3 = firstNode[t + 3];
            for (int s = groupHeight[g]; s > 0; s--) {
                n0 = step(n0, xs);
                n1 = step(n1, xs);
                n2 = step(n2, xs);
                n3 = step(n3, xs);
            }
            total += threshold[n0]; // a leaf's path length
            total += threshold[n1];
            total += threshold[n2];
            total += threshold[n3];
            if (total + leastRemaining[g + 1] > stopAbove) {
                padded.stoppedAt = g + 1;
                padded.stoppedTotal = total;
                return Double.NEGATIVE_INFINITY;
            }
        }
        for (; t < roots.length; t++) total += pathSingle(roots[t], xs);
        return score(total);
    }

    /** The score of a total path length over all trees. */
    private double score(double total) {
        return Math.pow(2.0, -(total / roots.length) / c);
    }

    /** One step down a renumbered single-feature tree: to the first child, or the one next to it. */
    private int step(int n, double[] xs) {
        int sp = split[n];
        return n + (short) sp + (xs[sp >>> 16] < threshold[n] ? 0 : 1);
    }

    /**
     * The t for which, for every finite x, x*w &lt; b (as doubles, rounded) holds exactly when
     * x &lt; t if w &gt;= 0, and exactly when x &gt;= t if w &lt; 0; NaN for a NaN or infinite w or a NaN b.
     */
    static double threshold(double w, double b) {
        if (Double.isNaN(w) || Double.isNaN(b) || Double.isInfinite(w)) return Double.NaN;
        if (w == 0) return 0.0 < b ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY; // x*0 is +-0
        if (w > 0) return lowestReaching(w, b);
        // x*w = -(x*(-w)) exactly (rounding is symmetric), so x*w >= b iff (-x)*(-w) >= b iff -x >= s,
        // s = lowestReaching(-w, b): iff x <= -s, iff x < nextUp(-s) = t; and x*w < b iff x >= t.
        double s = lowestReaching(-w, b);
        return Double.isNaN(s) ? s : Math.nextUp(-s);
    }

    /**
     * For w &gt; 0: the smallest finite double x with x*w &gt;= b (x*w is non-decreasing in x), found
     * by bisection over the doubles in order; +infinity when no finite x reaches b. (b/w is close
     * but not exact: with b = 0, every tiny negative x times w rounds to -0, which is &gt;= 0.)
     */
    private static double lowestReaching(double w, double b) {
        if (!(Double.MAX_VALUE * w >= b)) return Double.POSITIVE_INFINITY;
        if (-Double.MAX_VALUE * w >= b) return -Double.MAX_VALUE;
        return Arrays2.lowestWhere(-Double.MAX_VALUE, Double.MAX_VALUE, x -> x * w >= b);
    }

    private double pathSingle(int node, double[] x) {
        while (left[node] >= 0) {
            int e = slopeStart[node];
            node = x[slopeIndex[e]] * slopeValue[e] < bias[node] ? left[node] : right[node];
        }
        return depth[node];
    }

    private double pathSparse(int node, double[] x) {
        while (left[node] >= 0) {
            double dot = 0;
            for (int e = slopeStart[node]; e < slopeStart[node + 1]; e++) dot += x[slopeIndex[e]] * slopeValue[e];
            node = dot < bias[node] ? left[node] : right[node];
        }
        return depth[node];
    }
}
