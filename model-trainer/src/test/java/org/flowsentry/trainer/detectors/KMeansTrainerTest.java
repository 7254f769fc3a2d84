package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.trainer.detectors.DetectorFixtures.auc;
import static org.flowsentry.trainer.detectors.DetectorFixtures.clusters;
import static org.flowsentry.trainer.detectors.DetectorFixtures.concat;
import static org.flowsentry.trainer.detectors.DetectorFixtures.coreScorer;
import static org.flowsentry.trainer.detectors.DetectorFixtures.libraryScores;
import static org.flowsentry.trainer.detectors.DetectorFixtures.maxParityError;
import static org.flowsentry.trainer.detectors.DetectorFixtures.outliers;

import java.util.List;
import org.flowsentry.schema.DetectorKind;
import org.flowsentry.schema.KMeansModel;
import org.junit.jupiter.api.Test;

class KMeansTrainerTest {
    private static final int D = 60;
    private static final double[][] TRAIN = clusters(1, 4000, D, 6);
    private static final double[][] INLIERS = clusters(2, 300, D, 6);
    private static final double[][] OUTLIERS = outliers(3, 150, D, 6);

    private static KMeansModel model(FittedDetector f) {
        return (KMeansModel) f.export();
    }

    /** Centroid c of an export. */
    private static double[] centroid(KMeansModel m, int c) {
        int d = m.getDimension();
        double[] out = new double[d];
        for (int j = 0; j < d; j++) out[j] = m.getCentroids().get(c * d + j);
        return out;
    }

    @Test
    void coreScorerEqualsSmileNearestCentroidDistance() {
        KMeansTrainer trainer = new KMeansTrainer();
        FittedDetector fitted = trainer.fit(TRAIN, null, 42);
        KMeansModel m = model(fitted);
        assertThat(fitted.kind()).isEqualTo(DetectorKind.KMEANS_DISTANCE);
        assertThat(m.getDimension()).isEqualTo(D);
        assertThat(m.getCentroids()).hasSize(32 * D);
        double[][] points = concat(concat(INLIERS, OUTLIERS), java.util.Arrays.copyOf(TRAIN, 200));
        assertThat(maxParityError(trainer, fitted, points)).isLessThanOrEqualTo(1e-9);
        assertThat(coreScorer(trainer, fitted, D).score(centroid(m, 5))).isZero();
    }

    @Test
    void askedWhetherADistanceReachesAFloorKMeansStopsEarlyOnlyBelowIt() {
        KMeansTrainer trainer = new KMeansTrainer();
        FittedDetector fitted = trainer.fit(TRAIN, null, 42);
        double[][] points = concat(INLIERS, OUTLIERS);
        int stopped = DetectorFixtures.assertScoreAtLeastStopsOnlyBelowTheFloor(trainer, fitted, points);
        System.out.printf("[k-means] %d answers stopped early%n", stopped);
        assertThat(stopped).isPositive();
    }

    @Test
    void fewerDistinctRowsThanKGiveOneCentroidEach() {
        double[][] five = clusters(4, 5, D, 6);
        double[][] repeated = new double[500][];
        for (int i = 0; i < repeated.length; i++) repeated[i] = five[i % 5].clone();
        KMeansTrainer trainer = new KMeansTrainer();
        FittedDetector fitted = trainer.fit(repeated, null, 1);
        KMeansModel m = model(fitted);
        assertThat(m.getCentroids()).hasSize(5 * D);
        for (double[] row : five) { // each centroid is the mean of 100 copies of a row: that row up to rounding
            assertThat(fitted.libraryScore(row)).isLessThan(1e-12);
            assertThat(coreScorer(trainer, fitted, D).score(row)).isLessThan(1e-12);
        }
        assertThat(maxParityError(trainer, fitted, concat(INLIERS, OUTLIERS))).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void oneDistinctRowIsItsOwnCentroid() {
        double[] row = clusters(5, 1, D, 6)[0];
        double[][] same = {row.clone(), row.clone(), row.clone()};
        KMeansTrainer trainer = new KMeansTrainer();
        FittedDetector fitted = trainer.fit(same, null, 1);
        assertThat(centroid(model(fitted), 0)).containsExactly(row);
        assertThat(model(fitted).getCentroids()).hasSize(D);
        assertThat(maxParityError(trainer, fitted, OUTLIERS)).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void trainingRowsAreSubsampledToMaxSamples() {
        // With maxSamples = k every sampled row is a centroid: the centroids are 40 training rows.
        KMeansTrainer trainer = new KMeansTrainer(new KMeansOptions(40, 100, 1e-4, 40));
        KMeansModel m = model(trainer.fit(TRAIN, null, 9));
        List<List<Double>> trainRows = java.util.Arrays.stream(TRAIN)
                .map(r -> java.util.Arrays.stream(r).boxed().toList()).toList();
        for (int c = 0; c < 40; c++) {
            assertThat(trainRows).contains(java.util.Arrays.stream(centroid(m, c)).boxed().toList());
        }
    }

    @Test
    void sameSeedGivesTheSameCentroidsAndAnotherSeedOthers() {
        KMeansTrainer trainer = new KMeansTrainer();
        KMeansModel reference = model(trainer.fit(TRAIN, null, 11));
        assertThat(model(trainer.fit(TRAIN, null, 11))).isEqualTo(reference);
        assertThat(model(trainer.fit(TRAIN, null, 12))).isNotEqualTo(reference);
    }

    @Test
    void outliersAreFartherFromTheCentroidsThanInliers() {
        FittedDetector fitted = new KMeansTrainer().fit(TRAIN, null, 5);
        assertThat(auc(libraryScores(fitted, INLIERS), libraryScores(fitted, OUTLIERS))).isGreaterThan(0.9);
    }

    @Test
    void optionsRejectInvalidValues() {
        assertThatThrownBy(() -> new KMeansOptions(1, 100, 1e-4, 20_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must");
        assertThatThrownBy(() -> new KMeansOptions(32, 0, 1e-4, 20_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxIter");
        assertThatThrownBy(() -> new KMeansOptions(32, 100, Double.NaN, 20_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tol");
        assertThatThrownBy(() -> new KMeansOptions(32, 100, -1, 20_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tol");
        assertThatThrownBy(() -> new KMeansOptions(32, 100, 1e-4, 31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSamples");
        assertThat(KMeansOptions.defaults()).isEqualTo(new KMeansOptions(32, 100, 1e-4, 20_000));
    }

    @Test
    void fitRejectsRaggedRows() {
        assertThatThrownBy(() -> new KMeansTrainer().fit(new double[][] {{1, 2}, {3}}, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }
}
