package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/**
 * Password guessing from one Internet host (hydra/patator style): a new connection every second
 * or two, each with the tool's number of tries (1-3, fixed per attack; a few connections end a
 * try early), so the flows are short and nearly the same size.
 * SSH: key exchange (~2 KB each way) and a ~2 s delay per failure. FTP: banner, USER/PASS
 * lines, "530 Login incorrect" after about a second.
 */
final class BruteForce extends ScenarioSource {
    static final double SSH_GAP_MS = 2000;
    static final double FTP_GAP_MS = 1200;

    private final boolean ssh;
    private final String attacker;
    private final String victim;
    private final double rttMs;
    private final double medianGapMs;
    private final int triesPerConnection;

    BruteForce(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        ssh = spec.kind() == ScenarioKind.SSH_BRUTE_FORCE;
        attacker = randomInternetHost(rand);
        victim = net.server(ssh ? Network.Role.SSH : Network.Role.FTP);
        rttMs = rand.logNormal(40, 0.5, 5, 300);
        medianGapMs = (ssh ? SSH_GAP_MS : FTP_GAP_MS) / intensity;
        triesPerConnection = rand.between(1, 3);
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
        int attempts = rand.chance(0.1) ? Math.max(1, triesPerConnection - 1) : triesPerConnection;
        FlowRecord r;
        if (ssh) {
            double duration = 6 * rttMs + attempts * rand.uniform(1900, 2300);
            r = tcp(t, duration, attacker, rand.linuxPort(), victim, 22, "ssh");
            long fwd = 1950 + attempts * rand.between(112, 128) + rand.between(0, 48);
            long bwd = 1700 + attempts * rand.between(48, 64) + rand.between(0, 64);
            Flows.tcpExchange(r, 7 + attempts, fwd, 7 + attempts, bwd,
                    rand.chance(0.9) ? Flows.Close.FIN : Flows.Close.RST_ORIGINATOR);
        } else {
            double duration = (2 + 2 * attempts) * rttMs + attempts * rand.uniform(800, 1200);
            r = tcp(t, duration, attacker, rand.linuxPort(), victim, 21, "ftp");
            // USER and PASS per attempt, then QUIT; banner, 331 and 530 per attempt, then 221.
            long fwd = attempts * (rand.between(12, 20) + rand.between(12, 24)) + 6;
            long bwd = rand.between(30, 60) + attempts * (34 + 22) + 14;
            Flows.tcpExchange(r, 2L * attempts + 1, fwd, 2L * attempts + 2, bwd, Flows.Close.FIN);
        }
        out.emit(r);
        return rand.logNormal(medianGapMs, 0.35, medianGapMs / 10, medianGapMs * 10);
    }
}
