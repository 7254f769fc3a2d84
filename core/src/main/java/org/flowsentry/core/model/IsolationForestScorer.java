package org.flowsentry.core.model;

import org.flowsentry.schema.IsolationForestModel;
import org.flowsentry.schema.IsolationTree;

/**
 * Extended Isolation Forest (as Smile grows it): score = 2^(-mean path length / c(sampleSize)).
 * All trees' nodes live in one set of flat arrays (children as absolute indices) for cache
 * locality. A node's hyperplane normal is sparse; at extension level 0 it has one entry, and
 * x[f]*w equals Smile's dense dot product exactly (the other terms are exact zeros).
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

    IsolationForestScorer(IsolationForestModel m, int width) {
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
        singleFeature = single;
        c = factor(m.getSampleSize());
    }

    /** Average path length of an unsuccessful search in a binary search tree of n nodes (Smile's form). */
    static double factor(int n) {
        return 2.0 * (Math.log(n - 1) + EULER) - 2.0 * (n - 1) / n;
    }

    @Override
    public double score(double[] x) {
        double total = 0;
        for (int root : roots) total += singleFeature ? pathSingle(root, x) : pathSparse(root, x);
        return Math.pow(2.0, -(total / roots.length) / c);
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
