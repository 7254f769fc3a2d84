package org.flowsentry.core.model;

import org.flowsentry.schema.IsolationForestModel;
import org.flowsentry.schema.IsolationTree;

/**
 * Extended Isolation Forest (as Smile grows it): score = 2^(-mean path length / c(sampleSize)).
 * Trees are flat arrays; a node's hyperplane normal is sparse (one entry at extension level 0).
 */
final class IsolationForestScorer implements DetectorScorer {
    private static final double EULER = 0.5772156649; // the constant Smile uses
    private final int[][] left;
    private final int[][] right;
    private final double[][] depth;
    private final double[][] bias;
    private final int[][] slopeOffset;
    private final int[][] slopeIndex;
    private final double[][] slopeValue;
    private final double c;

    IsolationForestScorer(IsolationForestModel m, int width) {
        int t = m.getTrees().size();
        Arrays2.require(t > 0, "isolation forest has no trees");
        Arrays2.require(m.getSampleSize() > 1, "isolation forest sample size must be > 1");
        left = new int[t][];
        right = new int[t][];
        depth = new double[t][];
        bias = new double[t][];
        slopeOffset = new int[t][];
        slopeIndex = new int[t][];
        slopeValue = new double[t][];
        for (int i = 0; i < t; i++) {
            IsolationTree tree = m.getTrees().get(i);
            left[i] = Arrays2.ints(tree.getLeft());
            right[i] = Arrays2.ints(tree.getRight());
            depth[i] = Arrays2.doubles(tree.getDepth());
            bias[i] = Arrays2.doubles(tree.getBias());
            slopeOffset[i] = Arrays2.ints(tree.getSlopeOffset());
            slopeIndex[i] = Arrays2.ints(tree.getSlopeIndex());
            slopeValue[i] = Arrays2.doubles(tree.getSlopeValue());
            int nodes = left[i].length;
            Arrays2.require(right[i].length == nodes && depth[i].length == nodes && bias[i].length == nodes
                    && slopeOffset[i].length == nodes + 1, "isolation tree " + i + " arrays disagree");
            for (int k : slopeIndex[i]) Arrays2.require(k >= 0 && k < width, "isolation tree " + i + " uses feature " + k
                    + " but the spec has " + width);
            for (int n = 0; n < nodes; n++) {
                Arrays2.require(left[i][n] < nodes && right[i][n] < nodes, "isolation tree " + i + " has a dangling child");
            }
        }
        c = factor(m.getSampleSize());
    }

    /** Average path length of an unsuccessful search in a binary search tree of n nodes (Smile's form). */
    static double factor(int n) {
        return 2.0 * (Math.log(n - 1) + EULER) - 2.0 * (n - 1) / n;
    }

    @Override
    public double score(double[] x) {
        double total = 0;
        for (int t = 0; t < left.length; t++) total += path(t, x);
        return Math.pow(2.0, -(total / left.length) / c);
    }

    private double path(int t, double[] x) {
        int[] l = left[t];
        int[] r = right[t];
        int[] off = slopeOffset[t];
        int[] idx = slopeIndex[t];
        double[] val = slopeValue[t];
        int node = 0;
        while (l[node] >= 0) {
            double dot = 0;
            for (int k = off[node]; k < off[node + 1]; k++) dot += x[idx[k]] * val[k];
            node = dot < bias[t][node] ? l[node] : r[node];
        }
        return depth[t][node];
    }
}
