package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/**
 * Slowloris against the web server's port 80: the attacker opens its pool of connections in the
 * first seconds, sends an incomplete request on each and one more header line every 15 s so the
 * server keeps waiting. The server's request timeout closes them after a minute or more (408
 * then reset), and the tool opens replacements, so the pool stays full until the attack stops.
 */
final class Slowloris extends ScenarioSource {
    static final int CONNECTIONS = 300;
    static final double HEADER_INTERVAL_MS = 15_000;
    private static final double RAMP_MS = 5_000;
    private static final double MEAN_LIFE_MS = 100_000;

    private final String attacker;
    private final String victim;
    private final int pool;
    private int opened;

    Slowloris(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        attacker = randomInternetHost(rand);
        victim = net.server(Network.Role.WEB);
        pool = Math.max(1, (int) Math.round(CONNECTIONS * intensity));
    }

    @Override
    String source() {
        return attacker;
    }

    @Override
    String target() {
        return victim;
    }

    @Override
    double event(double t, Emitter out) {
        double life = Math.max(20_000, rand.logNormal(90_000, 0.5));
        Flows.Close close = rand.chance(0.8) ? Flows.Close.RST_RESPONDER : Flows.Close.FIN;
        boolean timedOut = true;
        if (t + life > endMs) {
            life = endMs - t; // the attacker stops and resets what is still open
            close = Flows.Close.RST_ORIGINATOR;
            timedOut = false;
        }
        long headers = (long) (life / HEADER_INTERVAL_MS);
        long fwd = rand.between(220, 260) + headers * rand.between(10, 14);
        long bwd = timedOut ? rand.between(300, 500) : 0; // "408 Request Timeout"
        FlowRecord r = tcp(t, life, attacker, rand.linuxPort(), victim, 80, "http");
        // Every small segment is acknowledged on its own: the server has nothing to send with it.
        Flows.tcpEstablished(r, 1 + headers, fwd, 0, timedOut ? 1 : 0, bwd, 1 + headers, close);
        out.emit(r);
        opened++;
        return opened < pool ? rand.uniform(0, 2 * RAMP_MS / pool) : rand.exponential(MEAN_LIFE_MS / pool);
    }
}
