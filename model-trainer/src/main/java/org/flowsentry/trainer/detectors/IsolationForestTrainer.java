package org.flowsentry.trainer.detectors;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.IsolationForestModel;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/**
 * Isolation forest grown from Smile 3.1.1's {@link IsolationTree} and exported to flat arrays.
 *
 * <p>Why not {@code IsolationForest.fit}: in 3.1.1 it grows every tree on all rows (the
 * sampling rate only sizes a list), normalises path lengths by c(all rows) instead of c(sample
 * size), and builds trees on a parallel stream whose worker threads draw from their own
 * generators (seeded in the order threads first use them, not from MathEx.setSeed on the
 * caller). So this trainer draws each tree's sample itself and calls Smile's public
 * {@code IsolationTree(List, maxDepth, extensionLevel)} in a seeded loop on the calling thread,
 * then wraps the trees in Smile's {@code IsolationForest(sampleSize, extensionLevel, trees)},
 * whose {@code score} is the library score. One more source of randomness is shared: trees draw
 * hyperplane normals from the {@link GaussianDistribution} singleton, which caches the second
 * value of each Box-Muller pair; fitting holds the singleton's lock and clears that cache first.
 *
 * <p>Smile keeps the fitted nodes private ({@code IsolationTree.root}, {@code IsolationTree$Node}
 * depth/slope/bias/left/right), so the export reads them by reflection on the pinned version;
 * the parity test fails if a Smile change breaks it. Smile's nodes go left when
 * dot(x, slope) &lt; bias, as core's scorer does; only non-zero slope entries are exported, in
 * ascending index order, so the sparse dot product adds the same non-zero terms in the same order
 * as Smile's dense one (the skipped terms are exact zeros for finite x) and scores are equal.
 */
public final class IsolationForestTrainer implements DetectorTrainer {
    private static final String NODE = "smile.anomaly.IsolationTree$Node";
    private static final Field ROOT = SmileFields.field("smile.anomaly.IsolationTree", "root");
    private static final Field DEPTH = SmileFields.field(NODE, "depth");
    private static final Field SLOPE = SmileFields.field(NODE, "slope");
    private static final Field BIAS = SmileFields.field(NODE, "bias");
    private static final Field LEFT = SmileFields.field(NODE, "left");
    private static final Field RIGHT = SmileFields.field(NODE, "right");
    private static final Field GAUSSIAN_CACHE = SmileFields.field("smile.stat.distribution.GaussianDistribution", "z1");

    private final IsolationForestOptions options;

    public IsolationForestTrainer(IsolationForestOptions options) {
        this.options = options;
    }

    public IsolationForestTrainer() {
        this(IsolationForestOptions.defaults());
    }

    public IsolationForestOptions options() {
        return options;
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.ISOLATION_FOREST;
    }

    @Override
    public String name() {
        return "isolation_forest";
    }

    @Override
    public FittedDetector fit(double[][] x, boolean[] attack, long seed) {
        int d = DetectorArrays.width(x, 2);
        int level = options.extensionLevel();
        if (level > d - 1) {
            throw new IllegalArgumentException("isolation forest extensionLevel " + level + " must be below the "
                    + d + " features");
        }
        int sampleSize = Math.min(options.sampleSize(), x.length);
        IsolationTree[] trees = new IsolationTree[options.trees()];
        GaussianDistribution gaussian = GaussianDistribution.getInstance();
        synchronized (gaussian) {
            try {
                GAUSSIAN_CACHE.setDouble(gaussian, Double.NaN); // no cached Box-Muller value: start of a fresh pair
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot reset Smile's Gaussian generator", e);
            }
            MathEx.setSeed(seed); // the trees' split draws come from Smile's generator
            SplittableRandom sampling = new SplittableRandom(seed);
            for (int t = 0; t < trees.length; t++) {
                List<double[]> rows = Arrays.asList(DetectorArrays.sample(x, sampleSize, sampling));
                trees[t] = new IsolationTree(rows, options.maxDepth(), level);
            }
        }
        IsolationForest forest = new IsolationForest(sampleSize, level, trees);
        List<org.flowsentry.schema.IsolationTree> exported = new ArrayList<>(trees.length);
        for (IsolationTree tree : trees) exported.add(export(tree));
        return new Fitted(forest, new IsolationForestModel(sampleSize, level, exported));
    }

    /** Flattens one tree in pre-order (root = 0). */
    private static org.flowsentry.schema.IsolationTree export(IsolationTree tree) {
        FlatTree flat = new FlatTree();
        flat.add(SmileFields.get(ROOT, tree));
        flat.slopeOffset.add(flat.slopeIndex.size());
        return org.flowsentry.schema.IsolationTree.newBuilder()
                .setLeft(flat.left).setRight(flat.right).setDepth(flat.depth).setBias(flat.bias)
                .setSlopeOffset(flat.slopeOffset).setSlopeIndex(flat.slopeIndex).setSlopeValue(flat.slopeValue)
                .build();
    }

    /** The growing node arrays of one exported tree. */
    private static final class FlatTree {
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> depth = new ArrayList<>();
        final List<Double> bias = new ArrayList<>();
        final List<Integer> slopeOffset = new ArrayList<>();
        final List<Integer> slopeIndex = new ArrayList<>();
        final List<Double> slopeValue = new ArrayList<>();

        /** Adds a node and its subtrees; returns the node's index. */
        int add(Object node) {
            int id = left.size();
            Object l = SmileFields.get(LEFT, node);
            Object r = SmileFields.get(RIGHT, node);
            left.add(-1);
            right.add(-1);
            depth.add(SmileFields.getDouble(DEPTH, node));
            slopeOffset.add(slopeIndex.size());
            if (l == null && r == null) { // Smile's leaf test; depth already includes c(leaf size)
                bias.add(0.0);
                return id;
            }
            if (l == null || r == null) throw new IllegalStateException("Smile isolation node with one child");
            bias.add(SmileFields.getDouble(BIAS, node));
            double[] slope = (double[]) SmileFields.get(SLOPE, node);
            for (int j = 0; j < slope.length; j++) {
                if (slope[j] != 0.0) {
                    slopeIndex.add(j);
                    slopeValue.add(slope[j]);
                }
            }
            left.set(id, add(l));
            right.set(id, add(r));
            return id;
        }
    }

    private record Fitted(IsolationForest forest, IsolationForestModel export) implements FittedDetector {
        @Override
        public DetectorKind kind() {
            return DetectorKind.ISOLATION_FOREST;
        }

        @Override
        public double libraryScore(double[] x) {
            return forest.score(x);
        }
    }
}
