package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.trainer.detectors.DetectorFixtures.*;

import java.util.List;
import org.flowsentry.schema.Activation;
import org.flowsentry.schema.AutoencoderModel;
import org.flowsentry.schema.DenseLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AutoencoderTrainerTest {
    /** Default network, fewer rows and epochs to keep the test fast. */
    private static final AutoencoderTrainer TRAINER =
            new AutoencoderTrainer(new AutoencoderOptions(List.of(32, 12, 32), Activation.RELU, 0.001, 3, 32, 3_000));
    private static FittedDetector fitted;

    @BeforeAll
    static void fit() {
        fitted = TRAINER.fit(inliers(4_000, 1), null, 7);
    }

    @Test
    void coreScorerMatchesSmileForwardPass() {
        assertParity(fitted, coreScorer(TRAINER, fitted, WIDTH), concat(inliers(300, 2), outliers(100, 3)));
    }

    @Test
    void exportHasEachLayerWithRowMajorWeightsAndLinearOutput() {
        List<DenseLayer> layers = ((AutoencoderModel) fitted.export()).getLayers();
        assertThat(layers).extracting(DenseLayer::getInputSize).containsExactly(WIDTH, 32, 12, 32);
        assertThat(layers).extracting(DenseLayer::getOutputSize).containsExactly(32, 12, 32, WIDTH);
        assertThat(layers).extracting(DenseLayer::getActivation)
                .containsExactly(Activation.RELU, Activation.RELU, Activation.RELU, Activation.LINEAR);
        for (DenseLayer l : layers) {
            assertThat(l.getWeights()).hasSize(l.getInputSize() * l.getOutputSize());
            assertThat(l.getBias()).hasSize(l.getOutputSize());
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void coreScorerMatchesSmileForEveryActivation(Activation activation) {
        // 5 hidden units: the blocked (4 at a time) and the remaining unit paths of core both run
        AutoencoderTrainer trainer = new AutoencoderTrainer(new AutoencoderOptions(List.of(5), activation, 0.001, 1, 16, 500));
        FittedDetector f = trainer.fit(inliers(500, 4), null, 3);
        assertThat(((AutoencoderModel) f.export()).getLayers().get(0).getActivation()).isEqualTo(activation);
        assertParity(f, coreScorer(trainer, f, WIDTH), concat(inliers(100, 5), outliers(50, 6)));
    }

    @Test
    void trainingReducesReconstructionError() {
        AutoencoderTrainer once = new AutoencoderTrainer(new AutoencoderOptions(List.of(32, 12, 32), Activation.RELU, 0.001, 1, 32, 200));
        double[][] test = inliers(300, 8);
        double barelyTrained = mean(libraryScores(once.fit(inliers(4_000, 1), null, 7), test));
        assertThat(mean(libraryScores(fitted, test))).isLessThan(barelyTrained / 2);
    }

    @Test
    void outliersScoreHigherThanInliers() {
        double[] in = libraryScores(fitted, inliers(300, 9));
        double[] out = libraryScores(fitted, outliers(300, 10));
        assertThat(auc(in, out)).isGreaterThan(0.95);
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndDifferentSeedDiffers() {
        AutoencoderTrainer trainer = new AutoencoderTrainer(new AutoencoderOptions(List.of(16, 4, 16), Activation.RELU, 0.001, 2, 32, 500));
        double[][] x = inliers(1_000, 11);
        assertSeedDecidesTheExport(trainer, x);
    }

    private static double mean(double[] values) {
        double s = 0;
        for (double v : values) s += v;
        return s / values.length;
    }
}
