package org.flowsentry.core.model;

import org.flowsentry.schema.DecisionTree;
import org.flowsentry.schema.ForestModel;

/** Supervised random forest: weighted mean over trees of the reached leaf's attack probability. */
final class ForestScorer implements DetectorScorer {
    private final int[][] feature;
    private final double[][] threshold;
    private final int[][] left;
    private final int[][] right;
    private final double[][] value;
    private final double[] weight;
    private final double totalWeight;

    ForestScorer(ForestModel m, int width) {
        int t = m.getTrees().size();
        Arrays2.require(t > 0, "forest has no trees");
        feature = new int[t][];
        threshold = new double[t][];
        left = new int[t][];
        right = new int[t][];
        value = new double[t][];
        for (int i = 0; i < t; i++) {
            DecisionTree tree = m.getTrees().get(i);
            feature[i] = Arrays2.ints(tree.getFeature());
            threshold[i] = Arrays2.doubles(tree.getThreshold());
            left[i] = Arrays2.ints(tree.getLeft());
            right[i] = Arrays2.ints(tree.getRight());
            value[i] = Arrays2.doubles(tree.getValue());
            int nodes = feature[i].length;
            Arrays2.require(threshold[i].length == nodes && left[i].length == nodes && right[i].length == nodes
                    && value[i].length == nodes, "forest tree " + i + " arrays disagree");
            for (int n = 0; n < nodes; n++) {
                Arrays2.require(left[i][n] < 0 || (feature[i][n] >= 0 && feature[i][n] < width
                        && left[i][n] < nodes && right[i][n] < nodes), "forest tree " + i + " node " + n + " is invalid");
            }
        }
        weight = m.getTreeWeights().isEmpty() ? null : Arrays2.doubles(m.getTreeWeights());
        Arrays2.require(weight == null || weight.length == t, "forest tree weights disagree with the trees");
        double sum = 0;
        for (int i = 0; i < t; i++) sum += weight == null ? 1.0 : weight[i];
        Arrays2.require(sum > 0, "forest tree weights sum to zero");
        totalWeight = sum;
    }

    @Override
    public double score(double[] x) {
        double s = 0;
        for (int t = 0; t < feature.length; t++) {
            int node = 0;
            while (left[t][node] >= 0) {
                node = x[feature[t][node]] <= threshold[t][node] ? left[t][node] : right[t][node];
            }
            s += (weight == null ? 1.0 : weight[t]) * value[t][node];
        }
        return s / totalWeight;
    }
}
