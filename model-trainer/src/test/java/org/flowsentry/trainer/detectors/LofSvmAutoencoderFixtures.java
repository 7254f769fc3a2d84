package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.flowsentry.core.model.DetectorScorer;
import org.flowsentry.core.model.DetectorScorers;
import org.flowsentry.schema.Calibration;
import org.flowsentry.schema.Detector;

/** Seeded synthetic scaled vectors and parity checks shared by the one-class SVM, LOF and autoencoder tests. */
final class LofSvmAutoencoderFixtures {
    /** Width of the synthetic vectors, like the scaled feature vectors (about 60). */
    static final int WIDTH = 60;

    private LofSvmAutoencoderFixtures() {}

    /** Benign-like rows: three Gaussian clusters (centres ~ N(0, 1), spread 0.5), like robust z-scores. */
    static double[][] inliers(int n, long seed) {
        Random centres = new Random(42); // the same clusters for every sample
        double[][] c = new double[3][WIDTH];
        for (double[] centre : c) {
            for (int j = 0; j < WIDTH; j++) centre[j] = centres.nextGaussian();
        }
        Random r = new Random(seed);
        double[][] x = new double[n][WIDTH];
        for (double[] row : x) {
            double[] centre = c[r.nextInt(3)];
            for (int j = 0; j < WIDTH; j++) row[j] = centre[j] + 0.5 * r.nextGaussian();
        }
        return x;
    }

    /** Attack-like rows: spread widely (N(0, 3^2) per feature), away from every cluster. */
    static double[][] outliers(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][WIDTH];
        for (double[] row : x) {
            for (int j = 0; j < WIDTH; j++) row[j] = 3 * r.nextGaussian();
        }
        return x;
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** core's scorer of the fitted detector's export, built as the streaming job builds it. */
    static DetectorScorer coreScorer(DetectorTrainer trainer, FittedDetector fitted, int width) {
        Calibration unused = Calibration.newBuilder()
                .setRawQuantiles(List.of(0.0, 1.0)).setTailScale(1).setThreshold(0.99).setRawThreshold(1).build();
        Detector detector = Detector.newBuilder()
                .setName(trainer.name())
                .setKind(trainer.kind())
                .setCalibration(unused)
                .setModel(fitted.export())
                .build();
        return DetectorScorers.create(detector, width);
    }

    /**
     * core's score equals the library's within 1e-9 (relative to the score when it exceeds 1:
     * LOF next to repeated points reaches 1e10 and more); returns the largest relative error.
     */
    static double assertParity(FittedDetector fitted, DetectorScorer core, double[][] points) {
        double worst = 0;
        for (double[] x : points) {
            double expected = fitted.libraryScore(x);
            double scale = Math.max(1.0, Math.abs(expected));
            assertThat(core.score(x)).isCloseTo(expected, within(1e-9 * scale));
            worst = Math.max(worst, Math.abs(core.score(x) - expected) / scale);
        }
        return worst;
    }

    static double[] libraryScores(FittedDetector fitted, double[][] points) {
        return Arrays.stream(points).mapToDouble(fitted::libraryScore).toArray();
    }

    /** ROC-AUC: the probability that a random positive scores above a random negative (ties count half). */
    static double auc(double[] negatives, double[] positives) {
        double wins = 0;
        for (double p : positives) {
            for (double n : negatives) wins += p > n ? 1 : (p == n ? 0.5 : 0);
        }
        return wins / ((double) positives.length * negatives.length);
    }
}
