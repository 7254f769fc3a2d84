package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/**
 * A compromised workstation sends stolen data to one Internet host over HTTPS in throttled
 * chunks of about 25 MB every 5 to 11 minutes: srcBytes far above dstBytes (pure ACKs back).
 */
final class SlowExfiltration extends ScenarioSource {
    static final double MIN_GAP_MS = 5 * 60_000;
    static final double MAX_GAP_MS = 11 * 60_000;

    private final String host;
    private final String drop;

    SlowExfiltration(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        host = net.client(net.anyClient(rand));
        drop = randomInternetHost(rand);
    }

    @Override
    String source() {
        return host;
    }

    @Override
    String target() {
        return drop;
    }

    @Override
    double event(double t, Emitter out) {
        double size = rand.logNormal(25e6, 0.4, 2e6, 2e8);
        double bitsPerMs = rand.logNormal(3e3, 0.3, 1e3, 1e4); // throttled to about 3 Mbit/s
        FlowRecord r = tcp(t, 300 + size * 8 / bitsPerMs, host, rand.clientPort(), drop, 443, "https");
        Flows.tcpBulk(r, (long) size, rand.between(3000, 6000), Flows.Close.FIN);
        out.emit(r);
        return rand.uniform(MIN_GAP_MS, MAX_GAP_MS) / intensity;
    }
}
