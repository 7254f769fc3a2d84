package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.trainer.detectors.DetectorFixtures.*;

import org.flowsentry.core.model.DetectorScorer;
import org.flowsentry.schema.KernelModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OneClassSvmTrainerTest {
    private static final OneClassSvmTrainer TRAINER = new OneClassSvmTrainer();
    private static FittedDetector fitted;
    private static DetectorScorer core;

    @BeforeAll
    static void fitDefault() {
        fitted = TRAINER.fit(inliers(3_000, 1), null, 7); // more rows than maxRows: subsampled
        core = coreScorer(TRAINER, fitted, WIDTH);
    }

    @Test
    void coreScorerMatchesSmileDecisionValueOnInliersOutliersAndSupportVectors() {
        KernelModel m = (KernelModel) fitted.export();
        double[][] vectors = new double[m.getWeights().size()][WIDTH];
        for (int i = 0; i < vectors.length; i++) {
            for (int j = 0; j < WIDTH; j++) vectors[i][j] = m.getSupportVectors().get(i * WIDTH + j);
        }
        assertParity(fitted, core, concat(concat(inliers(300, 2), outliers(100, 3)), vectors));
    }

    @Test
    void outliersScoreHigherThanInliers() {
        double[] in = libraryScores(fitted, inliers(300, 4));
        double[] out = libraryScores(fitted, outliers(300, 5));
        assertThat(auc(in, out)).isGreaterThan(0.95);
    }

    @Test
    void exportNegatesSmileDecisionValueWhichIsPositiveForNormalRows() {
        KernelModel m = (KernelModel) fitted.export();
        assertThat(m.getNegate()).isTrue();
        // Smile's own decision value (before negation) is positive deep inside the training clusters
        assertThat(-fitted.libraryScore(inliers(1, 6)[0])).isPositive();
        assertThat(-fitted.libraryScore(outliers(1, 7)[0])).isNegative();
    }

    @Test
    void exportUsesGammaOfSmileKernelWidth() {
        FittedDetector f = new OneClassSvmTrainer(new OneClassSvmOptions(500, 0.02, 1e-3, 4.0)).fit(inliers(500, 8), null, 1);
        KernelModel m = (KernelModel) f.export();
        assertThat(m.getGamma()).isEqualTo(1.0 / 32); // exp(-|x-v|^2 / (2 sigma^2))
        assertThat(m.getDimension()).isEqualTo(WIDTH);
        assertThat(m.getSupportVectors()).hasSize(m.getWeights().size() * WIDTH);
    }

    @Test
    void defaultOptionsKeepFewSupportVectors() {
        int vectors = ((KernelModel) fitted.export()).getWeights().size();
        assertThat(vectors).isBetween(20, 100); // at least nu x 2,000 rows; scoring cost is vectors x features
    }

    @Test
    void sameSeedGivesIdenticalExportAndDifferentSeedDiffers() {
        OneClassSvmTrainer trainer = new OneClassSvmTrainer(new OneClassSvmOptions(300, 0.05, 1e-3, 0.0));
        double[][] x = inliers(1_000, 9);
        assertSeedDecidesTheExport(trainer, x);
    }

    @Test
    void medianHeuristicIgnoresRepeatedRows() {
        double[][] rows = new double[100][];
        for (int i = 0; i < rows.length; i++) rows[i] = i < 90 ? new double[] {0, 0} : new double[] {i, 0};
        // 90 copies of one row would make most distances 0; the non-zero ones are 90..99 and |i - j|
        assertThat(OneClassSvmTrainer.medianDistance(rows)).isPositive();
        double[][] same = {{1, 2}, {1, 2}, {1, 2}};
        assertThat(OneClassSvmTrainer.medianDistance(same)).isEqualTo(1.0);
    }

    @Test
    void rejectsTooFewRowsForNu() {
        OneClassSvmTrainer trainer = new OneClassSvmTrainer(new OneClassSvmOptions(2_000, 0.01, 1e-3, 0.0));
        assertThatThrownBy(() -> trainer.fit(inliers(20, 1), null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nu");
    }

    @Test
    void rejectsNonFiniteRows() {
        double[][] x = inliers(50, 1);
        x[7][3] = Double.NaN;
        assertThatThrownBy(() -> TRAINER.fit(x, null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 7");
    }
}
