package org.flowsentry.trainer.detectors;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowsentry.schema.DecisionTree;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.ForestModel;
import smile.base.cart.DecisionNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * Supervised random forest (attack vs benign): Smile's {@code smile.classification.RandomForest}
 * (Gini splits) on scaled vectors, every tree exported to a {@link ForestModel}.
 *
 * <p>Export follows Smile 3.1.1's prediction exactly: an {@code OrdinalNode} sends x to its true
 * (left) child when x[feature] &lt;= its split value (NaN goes right, as in core); a leaf's value is
 * its {@code DecisionNode.posteriori} of the attack class, (count + 1) / (size + 2); and
 * {@code predict(x, posteriori)} weights each tree by its out-of-bag accuracy
 * ({@code Model.weight}), exported as treeWeights. Smile then divides by the sum of both classes'
 * weighted posteriors, core by the sum of the weights: equal up to rounding (about 1e-16), because
 * each tree's two posteriors sum to 1. The split value has no public getter in 3.1.1
 * ({@code OrdinalNode.value}); it is read by reflection, guarded by the parity test.
 *
 * <p>Deterministic for a seed: the subsample uses Smile's generator of the calling thread, seeded
 * here, and each tree gets its own seed from the seed stream Smile's fit takes (each worker thread
 * seeds its generator with it before growing the tree).
 */
public final class RandomForestTrainer implements DetectorTrainer {
    private static final Field SPLIT_VALUE = SmileFields.field("smile.base.cart.OrdinalNode", "value");
    private static final String LABEL = "attack";

    private final RandomForestOptions options;

    public RandomForestTrainer(RandomForestOptions options) {
        this.options = options;
    }

    public RandomForestTrainer() {
        this(RandomForestOptions.defaults());
    }

    public RandomForestOptions options() {
        return options;
    }

    @Override
    public DetectorKind kind() {
        return DetectorKind.RANDOM_FOREST;
    }

    @Override
    public String name() {
        return "random_forest";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    public FittedDetector fit(double[][] x, boolean[] attack, long seed) {
        int d = DetectorArrays.width(x, 2);
        if (attack == null || attack.length != x.length) {
            throw new IllegalArgumentException("random forest needs one attack label a row: " + x.length + " rows, "
                    + (attack == null ? "no" : String.valueOf(attack.length)) + " labels");
        }
        int mtry = options.mtry() == 0 ? (int) Math.floor(Math.sqrt(d)) : options.mtry();
        if (mtry > d) throw new IllegalArgumentException("random forest mtry " + mtry + " exceeds the " + d + " features");

        MathEx.setSeed(seed);
        int[] chosen = DetectorArrays.sampleIndex(x.length, options.maxSamples(), new java.util.SplittableRandom(seed));
        double[][] rows = new double[chosen.length][];
        int[] y = new int[chosen.length];
        int attacks = 0;
        for (int i = 0; i < chosen.length; i++) {
            rows[i] = x[chosen[i]];
            y[i] = attack[chosen[i]] ? 1 : 0;
            attacks += y[i];
        }
        if (attacks == 0 || attacks == y.length) {
            throw new IllegalArgumentException("random forest needs both attack and benign rows, got " + attacks
                    + " attacks of " + y.length);
        }

        String[] names = new String[d];
        for (int j = 0; j < d; j++) names[j] = "x" + j;
        DataFrame features = DataFrame.of(rows, names);
        RandomForest forest = RandomForest.fit(Formula.lhs(LABEL), features.merge(IntVector.of(LABEL, y)),
                options.trees(), mtry, SplitRule.GINI, options.maxDepth(), options.maxNodes(), options.nodeSize(),
                options.subsample(), null, new SplittableRandom(seed).longs());
        int attackClass = 0; // Smile's index of label 1 in its posteriors
        while (forest.classes()[attackClass] != 1) attackClass++;
        return new Fitted(forest, features.schema(), attackClass, export(forest, attackClass));
    }

    private static ForestModel export(RandomForest forest, int attackClass) {
        List<DecisionTree> trees = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (RandomForest.Model m : forest.models()) {
            if (!Double.isFinite(m.weight)) {
                throw new IllegalStateException("random forest tree weight (out-of-bag accuracy) is " + m.weight);
            }
            FlatTree flat = new FlatTree(attackClass, forest.numClasses());
            flat.add(m.tree.root());
            trees.add(new DecisionTree(flat.feature, flat.threshold, flat.left, flat.right, flat.value));
            weights.add(m.weight);
        }
        return new ForestModel(trees, weights);
    }

    /** The growing node arrays of one exported tree, in pre-order (root = 0). */
    private static final class FlatTree {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> value = new ArrayList<>();
        private final int attackClass;
        private final int classes;

        FlatTree(int attackClass, int classes) {
            this.attackClass = attackClass;
            this.classes = classes;
        }

        /** Adds a node and its subtrees; returns the node's index. */
        int add(Node node) {
            int id = feature.size();
            feature.add(-1);
            threshold.add(0.0);
            left.add(-1);
            right.add(-1);
            value.add(0.0);
            if (node instanceof DecisionNode leaf) {
                value.set(id, leaf.posteriori(new double[classes])[attackClass]);
            } else if (node instanceof OrdinalNode split) {
                feature.set(id, split.feature());
                threshold.set(id, SmileFields.getDouble(SPLIT_VALUE, split));
                left.set(id, add(split.trueChild()));
                right.set(id, add(split.falseChild()));
            } else {
                // Only numeric columns are given, so Smile makes no NominalNode.
                throw new IllegalStateException("unexpected Smile tree node " + node.getClass().getName());
            }
            return id;
        }
    }

    private record Fitted(RandomForest forest, StructType schema, int attackClass, ForestModel export)
            implements FittedDetector {
        @Override
        public DetectorKind kind() {
            return DetectorKind.RANDOM_FOREST;
        }

        /** Smile's soft-vote posterior probability of the attack class. */
        @Override
        public double libraryScore(double[] x) {
            double[] posteriori = new double[forest.numClasses()];
            forest.predict(Tuple.of(x, schema), posteriori);
            return posteriori[attackClass];
        }
    }
}
