package org.flowsentry.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowsentry.schema.Calibration;

/**
 * Maps a detector's raw score to [0,1] by the empirical distribution of raw scores on held-out
 * benign traffic: with n stored quantiles, quantile i maps to i/n, values between are
 * interpolated, and above the benign maximum ((n-1)/n) an exponential tail approaches 1, so
 * that scores beyond every benign one still rank. A detector votes when its calibrated score
 * is strictly above its threshold. Immutable.
 */
public final class Calibrator {
    private final double[] q;
    private final double tailScale;
    private final double threshold;
    /** {@link #lowestVotingRaw()}, found once. */
    private final double lowestVotingRaw;

    public Calibrator(Calibration c) {
        q = Arrays2.doubles(c.getRawQuantiles());
        Arrays2.require(q.length >= 2, "calibration needs at least 2 quantiles");
        for (int i = 1; i < q.length; i++) Arrays2.require(q[i] >= q[i - 1], "calibration quantiles are not ascending");
        Arrays2.require(c.getTailScale() > 0, "calibration tail scale must be positive");
        tailScale = c.getTailScale();
        threshold = c.getThreshold();
        lowestVotingRaw = findLowestVotingRaw();
    }

    /**
     * Fits a calibration on raw benign scores.
     *
     * @param points number of quantiles stored (e.g. 1001)
     * @param thresholdQuantile share of benign scores that must not vote (e.g. 0.99: 1% false positives per detector)
     */
    public static Calibration fit(double[] benignRaw, int points, double thresholdQuantile) {
        if (benignRaw.length < 2) throw new IllegalArgumentException("need at least 2 benign scores to calibrate");
        if (points < 2) throw new IllegalArgumentException("need at least 2 calibration points");
        if (!(thresholdQuantile > 0 && thresholdQuantile < 1)) {
            throw new IllegalArgumentException("threshold quantile must be in (0,1): " + thresholdQuantile);
        }
        double[] sorted = benignRaw.clone();
        Arrays.sort(sorted);
        for (double v : sorted) if (!Double.isFinite(v)) throw new IllegalArgumentException("non-finite benign score " + v);
        List<Double> quantiles = new ArrayList<>(points);
        for (int i = 0; i < points; i++) quantiles.add(quantile(sorted, (double) i / (points - 1)));
        double top = quantiles.get(points - 1);
        double spread = top - quantiles.get((int) Math.floor(0.9 * (points - 1)));
        double tail = spread > 0 ? spread : Math.max(Math.abs(top) * 1e-6, 1e-12);
        double rawThreshold = quantile(sorted, thresholdQuantile);
        Calibration c = Calibration.newBuilder()
                .setRawQuantiles(quantiles)
                .setTailScale(tail)
                .setThreshold(0.0)
                .setRawThreshold(rawThreshold)
                .build();
        c.setThreshold(new Calibrator(c).calibrate(rawThreshold));
        return c;
    }

    public double calibrate(double raw) {
        int n = q.length;
        if (Double.isNaN(raw)) return 1.0; // a detector that cannot score a point finds it anomalous
        if (raw < q[0]) return 0.0;
        if (raw >= q[n - 1]) return (n - 1 + (1.0 - Math.exp(-(raw - q[n - 1]) / tailScale))) / n;
        int i = upperIndex(raw); // largest i with q[i] <= raw, i < n-1
        return (i + (raw - q[i]) / (q[i + 1] - q[i])) / n;
    }

    public double threshold() {
        return threshold;
    }

    public boolean votes(double calibrated) {
        return calibrated > threshold;
    }

    /**
     * The lowest raw score that votes: for every raw score r but NaN, votes(calibrate(r)) holds
     * exactly when r >= this (calibrate never decreases as r grows). NaN when no raw score but NaN
     * votes. Found by bisection over the doubles in order, so it is exact, not interpolated back
     * from the threshold. A scorer that can bound its score early stops below it
     * ({@link DetectorScorer#scoreAtLeast}).
     */
    public double lowestVotingRaw() {
        return lowestVotingRaw;
    }

    /**
     * Whether a detector with this raw score votes: {@code votes(calibrate(raw))}, answered by
     * comparing with {@link #lowestVotingRaw()} instead of calibrating (a binary search).
     */
    public boolean votesRaw(double raw) {
        return Double.isNaN(raw) ? votes(calibrate(raw)) : raw >= lowestVotingRaw;
    }

    private double findLowestVotingRaw() {
        if (votes(calibrate(Double.NEGATIVE_INFINITY))) return Double.NEGATIVE_INFINITY;
        if (!votes(calibrate(Double.POSITIVE_INFINITY))) return Double.NaN;
        return Arrays2.lowestWhere(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, raw -> votes(calibrate(raw)));
    }

    /**
     * The i with q[i] <= raw < q[i+1] (given q[0] <= raw < q[n-1]; unique, as q ascends), by a
     * binary search without branches on the data: the range halves by a fixed schedule and its
     * start moves by a conditional move, so the CPU never mispredicts a comparison.
     */
    private int upperIndex(double raw) {
        int base = 0;
        int length = q.length - 1; // q[base] <= raw < q[base + length]
        while (length > 1) {
            int half = length >>> 1;
            base = q[base + half] <= raw ? base + half : base;
            length -= half;
        }
        return base;
    }

    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
