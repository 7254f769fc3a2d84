package org.flowsentry.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowsentry.schema.Scaler;
import org.flowsentry.schema.ScalerKind;

/**
 * Robust scaling for heavy-tailed traffic features: fill a missing value with its training
 * median, optionally apply sign(x)*log1p(|x|), then centre on the median and divide by the
 * interquartile range (as a standard deviation, IQR/1.349), falling back to the standard
 * deviation and then to 1 for (near-)constant features; finally clip. Immutable.
 */
public final class FeatureScaler {
    private final boolean[] log;
    private final double[] center;
    private final double[] scale;
    private final double[] fill;
    private final double clip;

    private FeatureScaler(boolean[] log, double[] center, double[] scale, double[] fill, double clip) {
        this.log = log;
        this.center = center;
        this.scale = scale;
        this.fill = fill;
        this.clip = clip;
    }

    public static FeatureScaler of(Scaler s) {
        int d = s.getCenter().size();
        if (s.getScale().size() != d || s.getLogTransform().size() != d || s.getFillValue().size() != d) {
            throw new IllegalArgumentException("scaler arrays have different lengths");
        }
        boolean[] log = new boolean[d];
        double[] center = new double[d];
        double[] scale = new double[d];
        double[] fill = new double[d];
        for (int i = 0; i < d; i++) {
            log[i] = s.getLogTransform().get(i);
            center[i] = s.getCenter().get(i);
            scale[i] = s.getScale().get(i);
            fill[i] = s.getFillValue().get(i);
            if (!(scale[i] > 0) || !Double.isFinite(center[i]) || !Double.isFinite(fill[i])) {
                throw new IllegalArgumentException("invalid scaler entry " + i);
            }
        }
        return new FeatureScaler(log, center, scale, fill, s.getClip());
    }

    /**
     * Fits on raw training rows (NaN = missing).
     *
     * @param logTransform per feature: log-transform before centring (for raw counts and rates)
     */
    public static FeatureScaler fit(double[][] rows, boolean[] logTransform, double clip) {
        int d = logTransform.length;
        int n = rows.length;
        if (n == 0) throw new IllegalArgumentException("no rows to fit the scaler on");
        boolean[] log = logTransform.clone();
        double[] center = new double[d];
        double[] scale = new double[d];
        double[] fill = new double[d];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            int m = 0;
            for (double[] row : rows) if (!Double.isNaN(row[j])) column[m++] = row[j];
            double[] present = Arrays.copyOf(column, m);
            Arrays.sort(present);
            fill[j] = m == 0 ? 0.0 : quantile(present, 0.5);
            for (int i = 0; i < m; i++) present[i] = transform(present[i], log[j]);
            Arrays.sort(present); // signed log is monotonic, but keep the invariant explicit
            center[j] = m == 0 ? 0.0 : quantile(present, 0.5);
            double iqr = m == 0 ? 0.0 : quantile(present, 0.75) - quantile(present, 0.25);
            double s = iqr / 1.349;
            if (!(s > 1e-9)) s = std(present);
            if (!(s > 1e-9)) s = 1.0;
            scale[j] = s;
        }
        return new FeatureScaler(log, center, scale, fill, clip);
    }

    public Scaler toAvro() {
        List<Boolean> l = new ArrayList<>(log.length);
        for (boolean b : log) l.add(b);
        return Scaler.newBuilder()
                .setKind(ScalerKind.ROBUST)
                .setLogTransform(l)
                .setCenter(boxed(center))
                .setScale(boxed(scale))
                .setFillValue(boxed(fill))
                .setClip(clip)
                .build();
    }

    public int width() {
        return center.length;
    }

    /** Scales raw into out (may be the same array). */
    public void transform(double[] raw, double[] out) {
        for (int j = 0; j < center.length; j++) {
            double v = raw[j];
            if (Double.isNaN(v)) v = fill[j];
            v = (transform(v, log[j]) - center[j]) / scale[j];
            out[j] = v > clip ? clip : (v < -clip ? -clip : v);
        }
    }

    public double[] transform(double[] raw) {
        double[] out = new double[raw.length];
        transform(raw, out);
        return out;
    }

    private static double transform(double v, boolean log) {
        return log ? Math.signum(v) * StrictMath.log1p(Math.abs(v)) : v;
    }

    /** Linear interpolation between closest ranks (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double std(double[] v) {
        if (v.length < 2) return 0.0;
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (v.length - 1));
    }

    private static List<Double> boxed(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double v : a) out.add(v);
        return out;
    }
}
