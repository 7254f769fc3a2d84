package org.flowsentry.core.features;

import java.util.Arrays;

/**
 * What is known about one host in one role (as a flow's source, or as its destination): damped
 * flow counts, byte sums and failed-connection counts per half-life, and the peers and ports
 * it was recently seen with. Bounded size; a plain mutable POJO so Flink can keep it in keyed state.
 */
public final class HostState {
    public static final long EMPTY = Long.MIN_VALUE;

    private long lastMs = EMPTY;
    private double[] flows;
    private double[] bytes;
    private double[] failed;
    private RecentValues peers;
    private RecentValues ports;

    public HostState() {
        this(0, 0);
    }

    public HostState(int halfLives, int distinctCapacity) {
        flows = new double[halfLives];
        bytes = new double[halfLives];
        failed = new double[halfLives];
        peers = new RecentValues(distinctCapacity);
        ports = new RecentValues(distinctCapacity);
    }

    private HostState(long lastMs, double[] flows, double[] bytes, double[] failed, RecentValues peers, RecentValues ports) {
        this.lastMs = lastMs;
        this.flows = flows;
        this.bytes = bytes;
        this.failed = failed;
        this.peers = peers;
        this.ports = ports;
    }

    public static HostState create(ContextSpec spec) {
        return new HostState(spec.halfLivesMs().size(), spec.distinctCapacity());
    }

    /**
     * Adds one flow seen at event time t, then writes this host's features (including the flow)
     * into out at offset: per half-life log flows, log bytes, failed share; then per window
     * distinct peers and distinct ports. Returns the next free offset.
     */
    int update(ContextSpec spec, Decay decay, long t, long flowBytes, boolean flowFailed, long peer, Integer port,
               double[] out, int offset) {
        if (lastMs != EMPTY && t - lastMs > spec.idleResetMs()) clear();
        long dt = lastMs == EMPTY ? 0 : t - lastMs;
        int i = offset;
        for (int h = 0; h < flows.length; h++) {
            double f = decay.factor(h, dt);
            double w = decay.lateWeight(h, dt); // 1 for flows in order
            flows[h] = flows[h] * f + w;
            bytes[h] = bytes[h] * f + w * flowBytes;
            failed[h] = failed[h] * f + (flowFailed ? w : 0.0);
            out[i++] = StrictMath.log1p(flows[h]);
            out[i++] = StrictMath.log1p(bytes[h]);
            out[i++] = failed[h] / flows[h];
        }
        if (lastMs == EMPTY || t > lastMs) lastMs = t;
        peers.add(peer, t);
        if (port != null) ports.add(port, t);
        for (long w : spec.distinctWindowsMs()) {
            out[i++] = peers.countSince(lastMs, w);
            out[i++] = ports.countSince(lastMs, w);
        }
        return i;
    }

    static int width(ContextSpec spec) {
        return 3 * spec.halfLivesMs().size() + 2 * spec.distinctWindowsMs().size();
    }

    static void names(ContextSpec spec, String prefix, java.util.List<String> out) {
        for (long h : spec.halfLivesMs()) {
            String s = ContextSpec.suffix(h);
            out.add(prefix + "log_flows_" + s);
            out.add(prefix + "log_bytes_" + s);
            out.add(prefix + "failed_share_" + s);
        }
        for (long w : spec.distinctWindowsMs()) {
            String s = ContextSpec.suffix(w);
            out.add(prefix + "distinct_peers_" + s);
            out.add(prefix + "distinct_ports_" + s);
        }
    }

    /** An independent deep copy (array clones), for Flink's state serializer; equal to this. */
    public HostState copy() {
        return new HostState(lastMs, flows.clone(), bytes.clone(), failed.clone(), peers.copy(), ports.copy());
    }

    private void clear() {
        lastMs = EMPTY;
        Arrays.fill(flows, 0.0);
        Arrays.fill(bytes, 0.0);
        Arrays.fill(failed, 0.0);
        peers.clear();
        ports.clear();
    }

    // Bean accessors for Flink's POJO serializer.
    public long getLastMs() {
        return lastMs;
    }

    public void setLastMs(long lastMs) {
        this.lastMs = lastMs;
    }

    public double[] getFlows() {
        return flows;
    }

    public void setFlows(double[] flows) {
        this.flows = flows;
    }

    public double[] getBytes() {
        return bytes;
    }

    public void setBytes(double[] bytes) {
        this.bytes = bytes;
    }

    public double[] getFailed() {
        return failed;
    }

    public void setFailed(double[] failed) {
        this.failed = failed;
    }

    public RecentValues getPeers() {
        return peers;
    }

    public void setPeers(RecentValues peers) {
        this.peers = peers;
    }

    public RecentValues getPorts() {
        return ports;
    }

    public void setPorts(RecentValues ports) {
        this.ports = ports;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostState s && lastMs == s.lastMs && Arrays.equals(flows, s.flows)
                && Arrays.equals(bytes, s.bytes) && Arrays.equals(failed, s.failed)
                && peers.equals(s.peers) && ports.equals(s.ports);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastMs) * 31 + Arrays.hashCode(flows);
    }
}
