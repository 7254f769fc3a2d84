package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.trainer.detectors.DetectorFixtures.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.flowsentry.core.model.DetectorScorer;
import org.flowsentry.core.model.LofScorer;
import org.flowsentry.schema.LofModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LofTrainerTest {
    private static final LofTrainer TRAINER = new LofTrainer();
    private static double[][] training;
    private static FittedDetector fitted;
    private static DetectorScorer core;

    @BeforeAll
    static void fitDefault() {
        training = inliers(5_000, 1); // more rows than maxReferences: subsampled
        fitted = TRAINER.fit(training, null, 7);
        core = coreScorer(TRAINER, fitted, WIDTH);
    }

    @Test
    void coreScorerMatchesTrainerLofInProjectedSpace() {
        // training rows include the references themselves (distance 0)
        double[][] some = java.util.Arrays.copyOf(training, 200);
        assertParity(fitted, core, concat(concat(inliers(300, 2), outliers(100, 3)), some));
    }

    @Test
    void coreScorerMatchesTrainerLofAmongNearDuplicates() {
        // Real flows repeat with tiny differences: references 1e-8 apart, where any difference in
        // how the two sides round the projection would show in LOF above 1e-9.
        Random r = new Random(12);
        double[] base = inliers(1, 13)[0];
        double[][] near = new double[80][];
        for (int i = 0; i < near.length; i++) {
            near[i] = base.clone();
            for (int j = 0; j < WIDTH; j++) near[i][j] += 1e-8 * r.nextGaussian();
        }
        LofTrainer trainer = new LofTrainer(new LofOptions(10, 600, 5, true));
        FittedDetector f = trainer.fit(concat(inliers(500, 14), java.util.Arrays.copyOf(near, 40)), null, 3);
        assertParity(f, coreScorer(trainer, f, WIDTH), near);
    }

    @Test
    void exportHoldsProjectedReferencesWithTheirDensities() {
        LofModel m = (LofModel) fitted.export();
        assertThat(m.getK()).isEqualTo(10);
        assertThat(m.getDimension()).isEqualTo(4);
        assertThat(m.getKDistance()).hasSize(3_000);
        assertThat(m.getLrd()).hasSize(3_000);
        assertThat(m.getPoints()).hasSize(3_000 * 4);
        assertThat(m.getProjection()).hasSize(4 * WIDTH);
        assertThat(m.getProjectionCenter()).hasSize(WIDTH);
        assertThat(m.getKDistance()).allSatisfy(d -> assertThat(d).isPositive());
    }

    @Test
    void coreScorerMatchesTrainerLofWithoutProjection() {
        LofTrainer trainer = new LofTrainer(new LofOptions(10, 800, 0, true));
        FittedDetector f = trainer.fit(inliers(2_000, 4), null, 3);
        assertThat(((LofModel) f.export()).getProjection()).isEmpty();
        assertParity(f, coreScorer(trainer, f, WIDTH), concat(inliers(200, 5), outliers(100, 6)));
    }

    @Test
    void tiesAreBrokenByLowerReferenceIndexAsInCore() {
        // Random points of a small integer grid: squared distances are integers, so many references
        // tie, also at the k-th place, and tied references differ in density (irregular grid).
        Random r = new Random(4);
        double[][] rows = new double[400][];
        for (int i = 0; i < rows.length; i++) rows[i] = new double[] {r.nextInt(8), r.nextInt(8), r.nextInt(4)};
        LofTrainer trainer = new LofTrainer(new LofOptions(7, 1_000, 0, false)); // repeats kept
        FittedDetector f = trainer.fit(rows, null, 5);
        List<double[]> queries = new ArrayList<>();
        for (double a = -1; a <= 8; a += 0.5) {
            for (double b = -1; b <= 8; b += 0.5) queries.add(new double[] {a, b, r.nextInt(4)});
        }
        assertParity(f, coreScorer(trainer, f, 3), queries.toArray(new double[0][]));
    }

    @Test
    void repeatedPointsHitTheReachabilityFloorOnBothSides() {
        // 12 copies of one point with k = 5: their k-distance is 0 and so are the reach distances
        // of a query on them: the density is k / MIN_REACH_SUM on both sides.
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) rows.add(new double[] {1, 1});
        Random r = new Random(3);
        for (int i = 0; i < 60; i++) rows.add(new double[] {3 * r.nextGaussian(), 3 * r.nextGaussian()});
        LofTrainer trainer = new LofTrainer(new LofOptions(5, 1_000, 0, false));
        FittedDetector f = trainer.fit(rows.toArray(new double[0][]), null, 5);
        LofModel m = (LofModel) f.export();
        assertThat(m.getLrd()).contains(5 / LofScorer.MIN_REACH_SUM);
        DetectorScorer c = coreScorer(trainer, f, 2);
        double[][] queries = {{1, 1}, {1, 1.001}, {1.2, 0.9}, {0, 0}, {8, -8}};
        assertParity(f, c, queries);
        assertThat(c.score(new double[] {1, 1})).isEqualTo(1.0); // same density as its neighbours
        assertThat(c.score(new double[] {1, 1.001})).isGreaterThan(1e6); // next to an infinitely dense spot
    }

    @Test
    void distinctReferencesDropRepeatedRows() {
        double[][] x = new double[400][];
        for (int i = 0; i < x.length; i++) x[i] = new double[] {i % 50, (i % 50) * 0.5};
        FittedDetector f = new LofTrainer(new LofOptions(5, 1_000, 0, true)).fit(x, null, 1);
        LofModel m = (LofModel) f.export();
        assertThat(m.getKDistance()).hasSize(50);
        Set<List<Double>> points = new HashSet<>();
        for (int i = 0; i < 50; i++) points.add(m.getPoints().subList(2 * i, 2 * i + 2));
        assertThat(points).hasSize(50);
    }

    @Test
    void outliersScoreHigherThanInliers() {
        double[] in = libraryScores(fitted, inliers(300, 8));
        double[] out = libraryScores(fitted, outliers(300, 9));
        assertThat(auc(in, out)).isGreaterThan(0.95);
    }

    @Test
    void sameSeedGivesIdenticalExportAndDifferentSeedDiffers() {
        LofTrainer trainer = new LofTrainer(new LofOptions(10, 500, 5, true));
        double[][] x = inliers(2_000, 10);
        assertSeedDecidesTheExport(trainer, x);
    }

    @Test
    void rejectsFewerDistinctRowsThanNeighbours() {
        double[][] x = new double[100][];
        for (int i = 0; i < x.length; i++) x[i] = new double[] {i % 4, 0};
        assertThatThrownBy(() -> new LofTrainer(new LofOptions(10, 1_000, 0, true)).fit(x, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
    }
}
