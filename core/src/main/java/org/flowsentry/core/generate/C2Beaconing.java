package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/**
 * Malware on a workstation checks in with its command-and-control server over HTTPS every
 * 60 seconds, give or take 5% jitter (Cobalt Strike style): a new small connection each time,
 * nearly the same size; now and then a task comes back and its output goes up.
 */
final class C2Beaconing extends ScenarioSource {
    static final double INTERVAL_MS = 60_000;
    static final double JITTER = 0.05;

    private final String host;
    private final String server;
    private final double rttMs;
    private final double intervalMs;

    C2Beaconing(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        host = net.client(net.anyClient(rand));
        server = randomInternetHost(rand);
        rttMs = rand.logNormal(60, 0.4, 10, 300);
        intervalMs = INTERVAL_MS / intensity;
    }

    @Override
    String source() {
        return host;
    }

    @Override
    String target() {
        return server;
    }

    @Override
    double event(double t, Emitter out) {
        long fwd = rand.between(480, 620);
        long bwd = rand.between(1100, 1300);
        if (rand.chance(0.04)) {
            bwd += rand.between(5_000, 60_000);
            fwd += rand.between(2_000, 30_000);
        }
        FlowRecord r = tcp(t, 4 * rttMs + rand.uniform(20, 120), host, rand.clientPort(), server, 443, "https");
        Flows.tcpExchange(r, Math.max(3, Flows.ceilDiv(fwd, Flows.MSS)), fwd, Math.max(3, Flows.ceilDiv(bwd, Flows.MSS)), bwd,
                Flows.Close.FIN);
        out.emit(r);
        return intervalMs * (1 + rand.uniform(-JITTER, JITTER));
    }
}
