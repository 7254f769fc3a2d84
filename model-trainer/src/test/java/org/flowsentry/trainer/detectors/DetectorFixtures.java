package org.flowsentry.trainer.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.flowsentry.core.model.DetectorScorer;
import org.flowsentry.core.model.DetectorScorers;
import org.flowsentry.schema.Calibration;
import org.flowsentry.schema.Detector;

/** Seeded synthetic scaled vectors and the parity and ranking measures shared by every detector test. */
final class DetectorFixtures {
    /** Width of the fixed-width synthetic vectors, like the scaled feature vectors (about 60). */
    static final int WIDTH = 60;

    private DetectorFixtures() {}

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


    /**
     * Benign-like rows: Gaussian clusters (sd 0.3) around k centres in [-2, 2]^d, like clipped
     * robust z-scores. The centres depend only on d and k, the rows on the seed.
     */
    static double[][] clusters(long seed, int n, int d, int k) {
        SplittableRandom centreRandom = new SplittableRandom(31L * d + k);
        double[][] centres = new double[k][d];
        for (double[] c : centres) for (int j = 0; j < d; j++) c[j] = centreRandom.nextDouble(-2, 2);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double[] c = centres[random.nextInt(k)];
            for (int j = 0; j < d; j++) row[j] = c[j] + 0.3 * random.nextGaussian();
        }
        return x;
    }

    /** Anomalies: rows of the same clusters with eight features pushed 4 to 8 units away, as an attack skews a group of related features (bytes, packets, rates). */
    static double[][] outliers(long seed, int n, int d, int k) {
        double[][] x = clusters(seed, n, d, k);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (double[] row : x) {
            for (int s = 0; s < 8; s++) {
                row[random.nextInt(d)] += (random.nextBoolean() ? 1 : -1) * random.nextDouble(4, 8);
            }
        }
        return x;
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** ROC-AUC of separating positives from negatives by score (ties count half). */
    static double auc(double[] negatives, double[] positives) {
        double wins = 0;
        for (double p : positives) {
            for (double n : negatives) wins += p > n ? 1 : p == n ? 0.5 : 0;
        }
        return wins / ((double) positives.length * negatives.length);
    }

    /** Seed 11 twice exports equal models; seed 12 another one. */
    static void assertSeedDecidesTheExport(DetectorTrainer trainer, double[][] x) {
        Object a = trainer.fit(x, null, 11).export();
        Object b = trainer.fit(x, null, 11).export();
        Object c = trainer.fit(x, null, 12).export();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    static double[] libraryScores(FittedDetector fitted, double[][] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) s[i] = fitted.libraryScore(x[i]);
        return s;
    }

    /** core's scorer of the export, built as the job builds it: from a bundle Detector. */
    static DetectorScorer coreScorer(DetectorTrainer trainer, FittedDetector fitted, int width) {
        Calibration calibration = Calibration.newBuilder().setRawQuantiles(List.of(0.0, 1.0)).setTailScale(1.0)
                .setThreshold(0.99).setRawThreshold(1.0).build();
        Detector detector = Detector.newBuilder().setName(trainer.name()).setKind(trainer.kind())
                .setVotes(!trainer.supervised()).setCalibration(calibration).setModel(fitted.export()).build();
        return DetectorScorers.create(detector, width);
    }

    /**
     * Asks core's scorer of the export, with a reused scratch, whether each point scores at least
     * each floor: the floors are the points' own scores at several quantiles (so some points sit
     * exactly on a floor) and their neighbouring doubles. Checks every answer is the exact score
     * (bit for bit) or -infinity for a score below the floor, and that finishing a stopped score
     * gives the exact score; returns how many answers stopped early.
     */
    static int assertScoreAtLeastStopsOnlyBelowTheFloor(DetectorTrainer trainer, FittedDetector fitted, double[][] points) {
        DetectorScorer core = coreScorer(trainer, fitted, points[0].length);
        DetectorScorer.Scratch scratch = core.newScratch();
        double[] scores = new double[points.length];
        for (int i = 0; i < points.length; i++) scores[i] = core.score(points[i]);
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        List<Double> floors = new java.util.ArrayList<>(List.of(Double.NaN, Double.NEGATIVE_INFINITY, 0.0, Double.POSITIVE_INFINITY));
        for (double q : new double[] {0.0, 0.1, 0.5, 0.9, 0.99, 1.0}) {
            double f = sorted[(int) Math.round(q * (sorted.length - 1))];
            floors.addAll(List.of(Math.nextDown(f), f, Math.nextUp(f)));
        }
        int stopped = 0;
        for (double floor : floors) {
            for (int i = 0; i < points.length; i++) {
                double s = core.scoreAtLeast(points[i], scratch, floor);
                if (s == Double.NEGATIVE_INFINITY && scores[i] != Double.NEGATIVE_INFINITY) {
                    assertThat(scores[i]).as("point %d stopped early at floor %s", i, floor).isLessThan(floor);
                    assertThat(Double.doubleToRawLongBits(core.finishScore(points[i], scratch))).as("point %d finished", i)
                            .isEqualTo(Double.doubleToRawLongBits(scores[i]));
                    stopped++;
                } else {
                    assertThat(Double.doubleToRawLongBits(s)).as("point %d at floor %s", i, floor).isEqualTo(Double.doubleToRawLongBits(scores[i]));
                }
            }
        }
        return stopped;
    }

    /** Largest |core score - library score| over the points. */
    static double maxParityError(DetectorTrainer trainer, FittedDetector fitted, double[][] points) {
        DetectorScorer core = coreScorer(trainer, fitted, points[0].length);
        DetectorScorer.Scratch scratch = core.newScratch();
        double max = 0;
        for (double[] p : points) max = Math.max(max, Math.abs(reusing(core, scratch, p) - fitted.libraryScore(p)));
        return max;
    }

    /**
     * core's score of x in a scratch that scored the points before, as the ensemble reuses it:
     * checked to be bit-identical to the score with a fresh scratch.
     */
    private static double reusing(DetectorScorer core, DetectorScorer.Scratch scratch, double[] x) {
        double s = core.score(x, scratch);
        assertThat(Double.doubleToRawLongBits(s)).as("score with a reused scratch").isEqualTo(Double.doubleToRawLongBits(core.score(x)));
        return s;
    }

    /**
     * core's score equals the library's within 1e-9 (relative to the score when it exceeds 1:
     * LOF next to repeated points reaches 1e10 and more); returns the largest relative error.
     */
    static double assertParity(FittedDetector fitted, DetectorScorer core, double[][] points) {
        DetectorScorer.Scratch scratch = core.newScratch();
        double worst = 0;
        for (double[] x : points) {
            double expected = fitted.libraryScore(x);
            double scale = Math.max(1.0, Math.abs(expected));
            double actual = reusing(core, scratch, x);
            assertThat(actual).isCloseTo(expected, within(1e-9 * scale));
            worst = Math.max(worst, Math.abs(actual - expected) / scale);
        }
        return worst;
    }
}
