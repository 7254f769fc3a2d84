package org.flowsentry.core.features;

import java.util.Arrays;

/**
 * What is known about one host in one role (as a flow's source, or as its destination): damped
 * flow counts, byte sums and failed-connection counts per half-life, and the peers and ports
 * it was recently seen with. Bounded size; mutable, kept by the Flink job in keyed state with its
 * own serializer.
 */
public final class HostState {
    public static final long EMPTY = Long.MIN_VALUE;

    private long lastMs = EMPTY;
    /**
     * Per half-life h: damped flow count at [3h], byte sum at [3h + 1], failed count at [3h + 2].
     * One array rather than three: a host's state is then six objects instead of ten, for each
     * flow to reach and for checkpoints and young collections to copy (a flood of spoofed
     * addresses makes a host per flow).
     */
    private double[] sums;
    private RecentValues peers;
    private RecentValues ports;

    public HostState(int halfLives, int distinctCapacity) {
        this(EMPTY, new double[3 * halfLives], new RecentValues(distinctCapacity), new RecentValues(distinctCapacity));
    }

    private HostState(long lastMs, double[] sums, RecentValues peers, RecentValues ports) {
        this.lastMs = lastMs;
        this.sums = sums;
        this.peers = peers;
        this.ports = ports;
    }

    public static HostState create(ContextSpec spec) {
        return new HostState(spec.halfLivesMs().size(), spec.distinctCapacity());
    }

    /** A state as a serializer reads it back: the sums per half-life as {@link #flows}, {@link #bytes}, {@link #failed} give them. */
    public static HostState restore(long lastMs, double[] flows, double[] bytes, double[] failed, RecentValues peers, RecentValues ports) {
        int n = flows.length;
        if (bytes.length != n || failed.length != n) {
            throw new IllegalArgumentException("host state sums for " + n + ", " + bytes.length + " and " + failed.length + " half-lives");
        }
        double[] sums = new double[3 * n];
        for (int h = 0; h < n; h++) {
            sums[3 * h] = flows[h];
            sums[3 * h + 1] = bytes[h];
            sums[3 * h + 2] = failed[h];
        }
        return new HostState(lastMs, sums, peers, ports);
    }

    /**
     * Adds one flow seen at event time t, then writes this host's features (including the flow)
     * into out at offset: per half-life log flows, log bytes, failed share; then per window
     * distinct peers and distinct ports (windowsMs: the spec's distinct windows as an array).
     * Returns the next free offset.
     */
    int update(ContextSpec spec, Decay decay, long[] windowsMs, long t, long flowBytes, boolean flowFailed, long peer, Integer port,
               double[] out, int offset) {
        if (lastMs != EMPTY && t - lastMs > spec.idleResetMs()) clear();
        long dt = lastMs == EMPTY ? 0 : t - lastMs;
        double[] s = sums;
        int i = offset;
        for (int h = 0, k = 0; k < s.length; h++, k += 3) {
            double f = decay.factor(h, dt);
            double w = decay.lateWeight(h, dt); // 1 for flows in order
            double flows = s[k] * f + w;
            double bytes = s[k + 1] * f + w * flowBytes;
            double failed = s[k + 2] * f + (flowFailed ? w : 0.0);
            s[k] = flows;
            s[k + 1] = bytes;
            s[k + 2] = failed;
            out[i++] = StrictMath.log1p(flows);
            out[i++] = StrictMath.log1p(bytes);
            out[i++] = failed / flows;
        }
        if (lastMs == EMPTY || t > lastMs) lastMs = t;
        peers.add(peer, t);
        if (port != null) ports.add(port, t);
        peers.countSince(lastMs, windowsMs, out, i, 2);
        ports.countSince(lastMs, windowsMs, out, i + 1, 2);
        return i + 2 * windowsMs.length;
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
        return new HostState(lastMs, sums.clone(), peers.copy(), ports.copy());
    }

    private void clear() {
        lastMs = EMPTY;
        Arrays.fill(sums, 0.0);
        peers.clear();
        ports.clear();
    }

    public long getLastMs() {
        return lastMs;
    }

    public int halfLives() {
        return sums.length / 3;
    }

    /** Damped flow count over half-life h. */
    public double flows(int h) {
        return sums[3 * h];
    }

    /** Damped byte sum over half-life h. */
    public double bytes(int h) {
        return sums[3 * h + 1];
    }

    /** Damped failed-connection count over half-life h. */
    public double failed(int h) {
        return sums[3 * h + 2];
    }

    public RecentValues peers() {
        return peers;
    }

    public RecentValues ports() {
        return ports;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostState s && lastMs == s.lastMs && Arrays.equals(sums, s.sums)
                && peers.equals(s.peers) && ports.equals(s.ports);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastMs) * 31 + Arrays.hashCode(sums);
    }
}
