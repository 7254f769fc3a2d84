package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/**
 * A SYN flood on the web server's port 80 from spoofed Internet addresses (hping3/botnet style):
 * every packet a new random source and port, a bare 40- or 60-byte SYN, nothing back. The rate
 * ramps up over the first 10 seconds as the bots join.
 */
final class SynFlood extends ScenarioSource {
    static final double SYNS_PER_SECOND = 800;
    private static final double RAMP_MS = 10_000;

    private final String victim;
    private final double peakPerMs;

    SynFlood(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        victim = net.server(Network.Role.WEB);
        peakPerMs = SYNS_PER_SECOND * intensity / 1000;
    }

    @Override
    String source() {
        return "spoofed Internet addresses";
    }

    @Override
    String target() {
        return victim;
    }

    @Override
    double event(double t, Emitter out) {
        FlowRecord r = tcp(t, 0, randomInternetHost(rand), rand.between(1024, 65535), victim, 80, null);
        Flows.tcpNoReply(r, 1, rand.chance(0.5) ? 40 : 60);
        out.emit(r);
        double ramp = Math.min(1, 0.05 + (t - startMs) / RAMP_MS);
        return rand.exponential(1 / (peakPerMs * ramp));
    }
}
