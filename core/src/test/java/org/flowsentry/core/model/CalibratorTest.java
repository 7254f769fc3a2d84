package org.flowsentry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.flowsentry.schema.Calibration;
import org.junit.jupiter.api.Test;

class CalibratorTest {

    private static double[] benign(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.abs(r.nextDouble() + r.nextDouble() + r.nextDouble());
        return v;
    }

    @Test
    void calibratedScoresAreTheBenignCdfAndTheThresholdLetsTheChosenShareVote() {
        double[] train = benign(20_000, 1);
        Calibrator c = new Calibrator(Calibrator.fit(train, 1001, 0.99));
        double[] fresh = benign(20_000, 2);
        int votes = 0;
        for (double v : fresh) if (c.votes(c.calibrate(v))) votes++;
        assertThat(votes / 20_000.0).isCloseTo(0.01, within(0.003));
        assertThat(c.threshold()).isCloseTo(0.99, within(0.001));
    }

    @Test
    void isMonotonicAndRanksScoresBeyondEveryBenignOne() {
        Calibrator c = new Calibrator(Calibrator.fit(benign(5000, 3), 101, 0.95));
        double previous = -1;
        for (double raw = -1; raw < 10; raw += 0.01) {
            double p = c.calibrate(raw);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = p;
        }
        assertThat(c.calibrate(4.0)).isGreaterThan(c.calibrate(3.5)).isLessThan(1.0);
        assertThat(c.calibrate(Double.NaN)).isEqualTo(1.0);
    }

    @Test
    void tiedBenignScoresDoNotVote() {
        double[] train = new double[1000];
        for (int i = 0; i < 900; i++) train[i] = 0.0; // e.g. flows sitting on a k-means centroid
        for (int i = 900; i < 1000; i++) train[i] = i;
        Calibration cal = Calibrator.fit(train, 101, 0.5);
        Calibrator c = new Calibrator(cal);
        assertThat(c.votes(c.calibrate(0.0))).isFalse();
        assertThat(c.votes(c.calibrate(950))).isTrue();
    }

    @Test
    void theLowestVotingRawScoreSplitsVotesExactly() {
        SplittableRandom r = new SplittableRandom(17);
        for (double quantile : new double[] {0.5, 0.9, 0.99, 0.999}) {
            Calibrator c = new Calibrator(Calibrator.fit(benign(5000, 4), 1001, quantile));
            double floor = c.lowestVotingRaw();
            assertThat(c.votes(c.calibrate(floor))).isTrue();
            assertThat(c.votes(c.calibrate(Math.nextDown(floor)))).isFalse();
            for (int n = 0; n < 100_000; n++) {
                double raw = n % 2 == 0 ? r.nextDouble(-1, 5) : floor + r.nextGaussian() * 1e-12; // everywhere, and at the edge
                assertThat(c.votes(c.calibrate(raw))).as("raw %s, floor %s", raw, floor).isEqualTo(raw >= floor);
                assertThat(c.votesRaw(raw)).isEqualTo(raw >= floor);
            }
            assertThat(c.votesRaw(Double.NaN)).isEqualTo(c.votes(c.calibrate(Double.NaN)));
        }
    }

    @Test
    void aCalibrationThatNeverOrAlwaysVotesHasNoFiniteLowestVotingRawScore() {
        Calibration never = Calibrator.fit(benign(100, 5), 11, 0.9);
        never.setThreshold(1.0); // calibrated scores reach 1 only for +infinity, and do not exceed it
        assertThat(new Calibrator(never).lowestVotingRaw()).isNaN();
        Calibration always = Calibrator.fit(benign(100, 5), 11, 0.9);
        always.setThreshold(-0.5);
        assertThat(new Calibrator(always).lowestVotingRaw()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
