package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.trainer.detectors.DetectorFixtures.auc;
import static org.flowsentry.trainer.detectors.DetectorFixtures.clusters;
import static org.flowsentry.trainer.detectors.DetectorFixtures.concat;
import static org.flowsentry.trainer.detectors.DetectorFixtures.libraryScores;
import static org.flowsentry.trainer.detectors.DetectorFixtures.maxParityError;
import static org.flowsentry.trainer.detectors.DetectorFixtures.outliers;

import java.util.List;
import java.util.stream.IntStream;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.IsolationForestModel;
import org.flowsentry.schema.IsolationTree;
import org.junit.jupiter.api.Test;

class IsolationForestTrainerTest {
    private static final int D = 60;
    private static final double[][] TRAIN = clusters(1, 4000, D, 6);
    private static final double[][] INLIERS = clusters(2, 300, D, 6);
    private static final double[][] OUTLIERS = outliers(3, 150, D, 6);

    private static IsolationForestModel model(FittedDetector f) {
        return (IsolationForestModel) f.export();
    }

    @Test
    void coreScorerEqualsSmileScoreOnInliersOutliersAndTrainingRows() {
        IsolationForestTrainer trainer = new IsolationForestTrainer();
        FittedDetector fitted = trainer.fit(TRAIN, null, 42);
        double[][] points = concat(concat(INLIERS, OUTLIERS), java.util.Arrays.copyOf(TRAIN, 200));
        assertThat(fitted.kind()).isEqualTo(DetectorKind.ISOLATION_FOREST);
        assertThat(maxParityError(trainer, fitted, points)).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void askedWhetherAScoreReachesAFloorTheForestStopsEarlyOnlyBelowIt() {
        // The default forest, and 30 trees: groups of four and two trees after them.
        for (IsolationForestTrainer trainer : List.of(new IsolationForestTrainer(), new IsolationForestTrainer(new IsolationForestOptions(30, 256, 8, 0)))) {
            FittedDetector fitted = trainer.fit(TRAIN, null, 42);
            double[][] points = concat(INLIERS, OUTLIERS);
            int stopped = DetectorFixtures.assertScoreAtLeastStopsOnlyBelowTheFloor(trainer, fitted, points);
            System.out.printf("[isolation-forest] %d trees: %d answers stopped early%n", model(fitted).getTrees().size(), stopped);
            assertThat(stopped).isPositive();
        }
    }

    @Test
    void coreScorerEqualsSmileScoreForExtendedHyperplanes() {
        IsolationForestTrainer trainer = new IsolationForestTrainer(new IsolationForestOptions(30, 256, 8, 4));
        FittedDetector fitted = trainer.fit(TRAIN, null, 7);
        IsolationTree first = model(fitted).getTrees().get(0);
        int internal = (int) first.getLeft().stream().filter(l -> l >= 0).count();
        assertThat(first.getSlopeIndex()).hasSize(5 * internal); // extension level 4: five features a split
        assertThat(maxParityError(trainer, fitted, concat(INLIERS, OUTLIERS))).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void exportIsAxisParallelAndBoundedBySampleAndDepth() {
        IsolationForestModel m = model(new IsolationForestTrainer().fit(TRAIN, null, 3));
        assertThat(m.getSampleSize()).isEqualTo(256);
        assertThat(m.getExtensionLevel()).isZero();
        assertThat(m.getTrees()).hasSize(100);
        for (IsolationTree t : m.getTrees()) {
            int nodes = t.getLeft().size();
            assertThat(nodes).isBetween(3, 2 * 256 - 1);
            long internal = t.getLeft().stream().filter(l -> l >= 0).count();
            assertThat(t.getSlopeIndex()).hasSize((int) internal); // one feature per split
            assertThat(t.getSlopeOffset()).hasSize(nodes + 1);
            List<Integer> idx = t.getSlopeIndex();
            assertThat(idx).allMatch(j -> j >= 0 && j < D);
        }
    }

    @Test
    void sampleSizeShrinksToTheRowsAvailable() {
        IsolationForestTrainer trainer = new IsolationForestTrainer();
        FittedDetector fitted = trainer.fit(java.util.Arrays.copyOf(TRAIN, 50), null, 1);
        assertThat(model(fitted).getSampleSize()).isEqualTo(50);
        assertThat(maxParityError(trainer, fitted, concat(INLIERS, OUTLIERS))).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void sameSeedGivesTheSameExportEvenWhenFitsRunConcurrently() {
        // An odd width leaves Smile's shared Gaussian generator holding a cached value after each
        // split (d normals a split): the next fit must not start from it.
        double[][] odd = clusters(1, 2000, 59, 6);
        IsolationForestTrainer trainer = new IsolationForestTrainer(new IsolationForestOptions(30, 256, 8, 0));
        IsolationForestModel reference = model(trainer.fit(odd, null, 11));
        assertThat(model(trainer.fit(odd, null, 11))).isEqualTo(reference);
        List<IsolationForestModel> concurrent = IntStream.range(0, 3).parallel()
                .mapToObj(i -> model(trainer.fit(odd, null, 11))).toList();
        assertThat(concurrent).allSatisfy(m -> assertThat(m).isEqualTo(reference));
        assertThat(model(trainer.fit(odd, null, 12))).isNotEqualTo(reference);
    }

    @Test
    void outliersScoreAboveInliers() {
        FittedDetector fitted = new IsolationForestTrainer().fit(TRAIN, null, 5);
        assertThat(auc(libraryScores(fitted, INLIERS), libraryScores(fitted, OUTLIERS))).isGreaterThan(0.9);
    }

    @Test
    void optionsRejectInvalidValues() {
        assertThatThrownBy(() -> new IsolationForestOptions(0, 256, 8, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trees");
        assertThatThrownBy(() -> new IsolationForestOptions(100, 1, 8, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampleSize");
        assertThatThrownBy(() -> new IsolationForestOptions(100, 256, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> new IsolationForestOptions(100, 256, 8, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extensionLevel");
        assertThat(IsolationForestOptions.defaults()).isEqualTo(new IsolationForestOptions(100, 256, 8, 0));
    }

    @Test
    void fitRejectsAnExtensionLevelBeyondTheFeaturesAndTooFewRows() {
        assertThatThrownBy(() -> new IsolationForestTrainer(new IsolationForestOptions(10, 256, 8, D)).fit(TRAIN, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extensionLevel");
        assertThatThrownBy(() -> new IsolationForestTrainer().fit(new double[][] {{1, 2}}, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }
}
