package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.trainer.detectors.DetectorFixtures.auc;
import static org.flowsentry.trainer.detectors.DetectorFixtures.clusters;
import static org.flowsentry.trainer.detectors.DetectorFixtures.concat;
import static org.flowsentry.trainer.detectors.DetectorFixtures.libraryScores;
import static org.flowsentry.trainer.detectors.DetectorFixtures.maxParityError;
import static org.flowsentry.trainer.detectors.DetectorFixtures.outliers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.flowsentry.schema.DecisionTree;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.ForestModel;
import org.junit.jupiter.api.Test;

class RandomForestTrainerTest {
    private static final int D = 60;
    private static final double[][] BENIGN = clusters(1, 2000, D, 6);
    private static final double[][] ATTACKS = outliers(2, 600, D, 6);
    private static final double[][] X = concat(BENIGN, ATTACKS);
    private static final boolean[] LABELS = labels();
    private static final double[][] HELD_OUT_BENIGN = clusters(3, 300, D, 6);
    private static final double[][] HELD_OUT_ATTACKS = outliers(4, 150, D, 6);

    /** Attack for the outlier rows, with 5% of all labels flipped so that leaves are mixed and posteriors fractional. */
    private static boolean[] labels() {
        boolean[] y = new boolean[X.length];
        SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < y.length; i++) y[i] = (i >= BENIGN.length) ^ (random.nextDouble() < 0.05);
        return y;
    }

    private static ForestModel model(FittedDetector f) {
        return (ForestModel) f.export();
    }

    /** Copies of a few rows with one feature set to a split threshold of the export or the next double up, and one with a NaN feature. */
    private static double[][] boundaryPoints(ForestModel m) {
        List<double[]> points = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            DecisionTree tree = m.getTrees().get(t);
            for (int node : new int[] {0, tree.getLeft().get(0)}) {
                if (tree.getLeft().get(node) < 0) continue;
                double threshold = tree.getThreshold().get(node);
                for (double v : new double[] {threshold, Math.nextUp(threshold)}) { // left, then right
                    double[] p = HELD_OUT_BENIGN[t].clone();
                    p[tree.getFeature().get(node)] = v;
                    points.add(p);
                }
            }
        }
        double[] nan = HELD_OUT_ATTACKS[0].clone();
        nan[m.getTrees().get(0).getFeature().get(0)] = Double.NaN;
        points.add(nan);
        return points.toArray(double[][]::new);
    }

    @Test
    void coreScorerEqualsSmilePosteriorOfAttackIncludingPointsOnThresholds() {
        RandomForestTrainer trainer = new RandomForestTrainer();
        FittedDetector fitted = trainer.fit(X, LABELS, 42);
        ForestModel m = model(fitted);
        double[][] points = concat(concat(HELD_OUT_BENIGN, HELD_OUT_ATTACKS),
                concat(java.util.Arrays.copyOf(X, 100), boundaryPoints(m)));
        assertThat(fitted.kind()).isEqualTo(DetectorKind.RANDOM_FOREST);
        assertThat(maxParityError(trainer, fitted, points)).isLessThanOrEqualTo(1e-9);
        double[] scores = libraryScores(fitted, points);
        assertThat(java.util.Arrays.stream(scores).allMatch(s -> s > 0 && s < 1)).isTrue();
        assertThat(java.util.Arrays.stream(scores).distinct().count()).isGreaterThan(100); // soft votes, not 0/1
    }

    @Test
    void exportIsBoundedByTheOptions() {
        ForestModel m = model(new RandomForestTrainer().fit(X, LABELS, 3));
        assertThat(m.getTrees()).hasSize(100);
        assertThat(m.getTreeWeights()).hasSize(100).allMatch(w -> w > 0.5 && w <= 1); // out-of-bag accuracies
        for (DecisionTree t : m.getTrees()) {
            int nodes = t.getLeft().size();
            assertThat(nodes).isBetween(3, 2 * 128 - 1);
            assertThat(depth(t, 0)).isLessThanOrEqualTo(12);
            for (int n = 0; n < nodes; n++) {
                if (t.getLeft().get(n) < 0) assertThat(t.getValue().get(n)).isStrictlyBetween(0.0, 1.0);
                else assertThat(t.getFeature().get(n)).isBetween(0, D - 1);
            }
        }
    }

    private static int depth(DecisionTree t, int node) {
        if (t.getLeft().get(node) < 0) return 0;
        return 1 + Math.max(depth(t, t.getLeft().get(node)), depth(t, t.getRight().get(node)));
    }

    @Test
    void sameSeedGivesTheSameForestEvenWhenFitsRunConcurrently() {
        RandomForestTrainer trainer = new RandomForestTrainer(new RandomForestOptions(30, 12, 128, 5, 0, 1.0, 50_000));
        ForestModel reference = model(trainer.fit(X, LABELS, 11));
        List<ForestModel> concurrent = IntStream.range(0, 3).parallel()
                .mapToObj(i -> model(trainer.fit(X, LABELS, 11))).toList();
        assertThat(concurrent).allSatisfy(m -> assertThat(m).isEqualTo(reference));
        assertThat(model(trainer.fit(X, LABELS, 12))).isNotEqualTo(reference);
    }

    @Test
    void subsampledFitStillMatchesCore() {
        RandomForestTrainer trainer = new RandomForestTrainer(new RandomForestOptions(20, 6, 16, 5, 10, 0.7, 500));
        FittedDetector fitted = trainer.fit(X, LABELS, 5);
        assertThat(model(fitted).getTrees()).allMatch(t -> t.getLeft().size() <= 2 * 16 - 1);
        assertThat(maxParityError(trainer, fitted, concat(HELD_OUT_BENIGN, HELD_OUT_ATTACKS))).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void attacksGetAHigherAttackProbabilityThanBenignFlows() {
        FittedDetector fitted = new RandomForestTrainer(new RandomForestOptions(30, 12, 128, 5, 0, 1.0, 50_000))
                .fit(X, LABELS, 5);
        assertThat(auc(libraryScores(fitted, HELD_OUT_BENIGN), libraryScores(fitted, HELD_OUT_ATTACKS))).isGreaterThan(0.9);
    }

    @Test
    void isSupervisedAndNeedsBothClasses() {
        RandomForestTrainer trainer = new RandomForestTrainer();
        assertThat(trainer.supervised()).isTrue();
        assertThatThrownBy(() -> trainer.fit(X, null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label");
        assertThatThrownBy(() -> trainer.fit(X, new boolean[X.length], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both attack and benign");
        assertThatThrownBy(() -> new RandomForestTrainer(new RandomForestOptions(10, 12, 128, 5, D + 1, 1.0, 50_000))
                .fit(X, LABELS, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mtry");
    }

    @Test
    void optionsRejectInvalidValues() {
        assertThatThrownBy(() -> new RandomForestOptions(0, 12, 128, 5, 0, 1.0, 50_000)).hasMessageContaining("trees");
        assertThatThrownBy(() -> new RandomForestOptions(100, 1, 128, 5, 0, 1.0, 50_000)).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> new RandomForestOptions(100, 12, 1, 5, 0, 1.0, 50_000)).hasMessageContaining("maxNodes");
        assertThatThrownBy(() -> new RandomForestOptions(100, 12, 128, 0, 0, 1.0, 50_000)).hasMessageContaining("nodeSize");
        assertThatThrownBy(() -> new RandomForestOptions(100, 12, 128, 5, -1, 1.0, 50_000)).hasMessageContaining("mtry");
        assertThatThrownBy(() -> new RandomForestOptions(100, 12, 128, 5, 0, 0.0, 50_000)).hasMessageContaining("subsample");
        assertThatThrownBy(() -> new RandomForestOptions(100, 12, 128, 5, 0, 1.5, 50_000)).hasMessageContaining("subsample");
        assertThatThrownBy(() -> new RandomForestOptions(100, 12, 128, 5, 0, 1.0, 1)).hasMessageContaining("maxSamples");
        assertThatThrownBy(() -> new RandomForestOptions(100, 12, 128, 5, 0, Double.NaN, 50_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RandomForestOptions.defaults()).isEqualTo(new RandomForestOptions(100, 12, 128, 5, 0, 1.0, 50_000));
    }
}
