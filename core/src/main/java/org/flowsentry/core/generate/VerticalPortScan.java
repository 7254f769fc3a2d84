package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/**
 * nmap -sS -p- from the Internet against the public web server: one 44-byte SYN per port in
 * random order, a fixed source port, milliseconds apart. Closed ports answer RST-ACK (REJ),
 * filtered ones nothing (S0), open ones SYN-ACK and get the scanner's RST.
 */
final class VerticalPortScan extends ScenarioSource {
    static final double PROBES_PER_SECOND = 100;
    /** Share of closed ports a host firewall silently drops. */
    static final double FILTERED_SHARE = 0.3;
    private static final int PORTS = 65535;
    private static final int NMAP_SYN_BYTES = 44;

    private final String attacker;
    private final String victim;
    private final int srcPort;
    private final int stride;
    private final int offset;
    private final double meanGapMs;
    private int probes;

    VerticalPortScan(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        attacker = randomInternetHost(rand);
        victim = net.server(Network.Role.WEB);
        srcPort = rand.between(33000, 65000);
        // Visit every port once in a scrambled order: i -> (stride * i + offset) mod 65535.
        int s;
        do {
            s = 1 + rand.nextInt(PORTS - 1);
        } while (gcd(s, PORTS) != 1);
        stride = s;
        offset = rand.nextInt(PORTS);
        meanGapMs = 1000 / (PROBES_PER_SECOND * intensity);
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
        int port = (int) ((stride * (long) probes + offset) % PORTS) + 1;
        if (port == 22 || port == 80 || port == 443) {
            FlowRecord r = tcp(t, rand.uniform(0.2, 1), attacker, srcPort, victim, port, null);
            Flows.tcpProbeOpen(r, NMAP_SYN_BYTES);
            out.emit(r);
        } else if (rand.chance(FILTERED_SHARE)) {
            FlowRecord r = tcp(t, 0, attacker, srcPort, victim, port, null);
            Flows.tcpNoReply(r, 1, NMAP_SYN_BYTES);
            out.emit(r);
        } else {
            FlowRecord r = tcp(t, rand.uniform(0.2, 1), attacker, srcPort, victim, port, null);
            Flows.tcpRejected(r, NMAP_SYN_BYTES);
            out.emit(r);
        }
        probes++;
        return probes < PORTS ? rand.exponential(meanGapMs) : Double.POSITIVE_INFINITY;
    }
}
