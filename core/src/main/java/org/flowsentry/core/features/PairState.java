package org.flowsentry.core.features;

import java.util.Arrays;

/**
 * What is known about one source-destination pair: damped flow counts per half-life, and the
 * mean and variation of inter-arrival times and flow sizes (beaconing is regular in both).
 * Mutable; the Flink job keeps it in keyed state with its own serializer (PairStateSerializer).
 */
public final class PairState {
    private long lastMs = HostState.EMPTY;
    private double[] flows;
    // Damped moments (weight, sum, sum of squares) over the longest half-life.
    private double iatW;
    private double iatSum;
    private double iatSq;
    private double sizeW;
    private double sizeSum;
    private double sizeSq;
    /** Held by a checkpoint in progress (see share()): not to be changed any more. */
    private boolean shared;

    public PairState() {
        this(0);
    }

    public PairState(int halfLives) {
        this(new double[halfLives]);
    }

    private PairState(double[] flows) {
        this.flows = flows;
    }

    public static PairState create(ContextSpec spec) {
        return new PairState(spec.halfLivesMs().size());
    }

    /**
     * Adds one flow at event time t and writes the pair's features: per half-life log flows,
     * then log mean inter-arrival (ms), inter-arrival coefficient of variation, size coefficient
     * of variation. Returns the next free offset.
     */
    int update(ContextSpec spec, Decay decay, long t, long flowBytes, double[] out, int offset) {
        if (lastMs != HostState.EMPTY && t - lastMs > spec.idleResetMs()) clear();
        boolean first = lastMs == HostState.EMPTY;
        long dt = first ? 0 : t - lastMs;
        int i = offset;
        for (int h = 0; h < flows.length; h++) {
            flows[h] = flows[h] * decay.factor(h, dt) + decay.lateWeight(h, dt);
            out[i++] = StrictMath.log1p(flows[h]);
        }
        int longest = decay.longest();
        double f = decay.factor(longest, dt);
        if (!first && dt >= 0) { // a late flow's gap to the last one is no inter-arrival time
            iatW = iatW * f + 1.0;
            iatSum = iatSum * f + dt;
            iatSq = iatSq * f + (double) dt * dt;
        }
        double w = decay.lateWeight(longest, dt);
        sizeW = sizeW * f + w;
        sizeSum = sizeSum * f + w * flowBytes;
        sizeSq = sizeSq * f + w * ((double) flowBytes * flowBytes);
        if (first || t > lastMs) lastMs = t;
        double iatMean = iatW > 0 ? iatSum / iatW : 0.0;
        out[i++] = StrictMath.log1p(iatMean);
        out[i++] = coefficientOfVariation(iatW, iatSum, iatSq);
        out[i++] = coefficientOfVariation(sizeW, sizeSum, sizeSq);
        return i;
    }

    /** std/mean of damped moments; 0 until two observations or for a zero mean. */
    private static double coefficientOfVariation(double w, double sum, double sq) {
        if (w < 1.5 || sum <= 0) return 0.0;
        double mean = sum / w;
        double var = Math.max(sq / w - mean * mean, 0.0);
        return StrictMath.sqrt(var) / mean;
    }

    static int width(ContextSpec spec) {
        return spec.halfLivesMs().size() + 3;
    }

    static void names(ContextSpec spec, java.util.List<String> out) {
        for (long h : spec.halfLivesMs()) out.add("pair.log_flows_" + ContextSpec.suffix(h));
        out.add("pair.log_iat_mean_ms");
        out.add("pair.iat_cv");
        out.add("pair.size_cv");
    }

    /**
     * Marks this state as shared with a checkpoint in progress (the Flink job's serializer does, in
     * place of a deep copy): from now on it is only read, and whoever updates the pair updates a
     * {@link #copy()} instead. Returns this.
     */
    public PairState share() {
        shared = true;
        return this;
    }

    /** Whether {@link #share()} was called: this instance must not change any more. */
    public boolean isShared() {
        return shared;
    }

    /** An independent deep copy (one array clone), equal to this and not shared. */
    public PairState copy() {
        PairState c = new PairState(flows.clone());
        c.lastMs = lastMs;
        c.iatW = iatW;
        c.iatSum = iatSum;
        c.iatSq = iatSq;
        c.sizeW = sizeW;
        c.sizeSum = sizeSum;
        c.sizeSq = sizeSq;
        return c;
    }

    private void clear() {
        lastMs = HostState.EMPTY;
        Arrays.fill(flows, 0.0);
        iatW = iatSum = iatSq = sizeW = sizeSum = sizeSq = 0.0;
    }

    // Accessors for the job's serializer and tests.
    public long getLastMs() { return lastMs; }
    public void setLastMs(long lastMs) { this.lastMs = lastMs; }
    public double[] getFlows() { return flows; }
    public void setFlows(double[] flows) { this.flows = flows; }
    public double getIatW() { return iatW; }
    public void setIatW(double v) { iatW = v; }
    public double getIatSum() { return iatSum; }
    public void setIatSum(double v) { iatSum = v; }
    public double getIatSq() { return iatSq; }
    public void setIatSq(double v) { iatSq = v; }
    public double getSizeW() { return sizeW; }
    public void setSizeW(double v) { sizeW = v; }
    public double getSizeSum() { return sizeSum; }
    public void setSizeSum(double v) { sizeSum = v; }
    public double getSizeSq() { return sizeSq; }
    public void setSizeSq(double v) { sizeSq = v; }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairState s && lastMs == s.lastMs && Arrays.equals(flows, s.flows)
                && iatW == s.iatW && iatSum == s.iatSum && iatSq == s.iatSq
                && sizeW == s.sizeW && sizeSum == s.sizeSum && sizeSq == s.sizeSq;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastMs) * 31 + Arrays.hashCode(flows);
    }
}
