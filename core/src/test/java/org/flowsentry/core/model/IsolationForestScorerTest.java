package org.flowsentry.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The precomputed node threshold must decide exactly as the multiplication it replaces; the
 * forest's scores themselves are compared with Smile's in the trainer's parity tests.
 */
class IsolationForestScorerTest {

    /** x*w < b, the test Smile makes, against the threshold's form. */
    private static void assertSameSide(double w, double b, double x) {
        double t = IsolationForestScorer.threshold(w, b);
        assertThat(t).as("threshold of w=%s b=%s", w, b).isNotNaN();
        boolean left = x * w < b;
        boolean viaThreshold = w < 0 ? !(x < t) : x < t;
        assertThat(viaThreshold).as("x=%s w=%s b=%s t=%s", x, w, b, t).isEqualTo(left);
    }

    @Test
    void thresholdDecidesExactlyAsTheProductAtAndAroundTheBoundary() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            // Weights of any sign and scale, including tiny and huge ones; biases in the clip range and beyond.
            double w = (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-12, 6)) * r.nextDouble();
            double b = r.nextInt(20) == 0 ? 0.0 : r.nextDouble(-60, 60) * (r.nextInt(10) == 0 ? 1e-9 : 1);
            double t = IsolationForestScorer.threshold(w, b);
            for (double x : new double[] {t, Math.nextDown(t), Math.nextUp(t), b / w, Math.nextUp(b / w), Math.nextDown(b / w),
                    r.nextDouble(-50, 50), 0.0, -0.0, 50, -50}) {
                if (Double.isFinite(x)) assertSameSide(w, b, x);
            }
        }
    }

    @Test
    void zeroAndExtremeWeightsGiveConstantSides() {
        assertThat(IsolationForestScorer.threshold(0.0, 1.0)).isEqualTo(Double.POSITIVE_INFINITY); // 0 < 1: always left
        assertThat(IsolationForestScorer.threshold(0.0, -1.0)).isEqualTo(Double.NEGATIVE_INFINITY); // never left
        assertThat(IsolationForestScorer.threshold(-0.0, 0.0)).isEqualTo(Double.NEGATIVE_INFINITY); // 0 < 0 is false
        for (double x : new double[] {-50, -1e-300, -0.0, 0.0, 1e-300, 50}) {
            assertSameSide(0.0, 1.0, x);
            assertSameSide(1e-300, 1.0, x); // b/w overflows: no finite x reaches b
            assertSameSide(-1e-300, 1.0, x);
            assertSameSide(1e300, 1e-300, x);
        }
        // b = 0 with a negative weight: tiny x*w round to -0, which is not below 0 (found in a trained forest).
        for (double x : new double[] {-1e-300, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1e-300, 1e-3, -1e-3}) {
            assertSameSide(-0.0058936196298964, 0.0, x);
            assertSameSide(0.0058936196298964, 0.0, x);
            assertSameSide(0.0058936196298964, -0.0, x);
        }
        assertThat(IsolationForestScorer.threshold(Double.NaN, 1.0)).isNaN();
    }
}
