package org.flowsentry.core.generate;

import org.flowsentry.schema.FlowRecord;

/**
 * A compromised workstation sweeps the client LAN 10.0.0.0/16 for SMB (445) and RDP (3389), the
 * way worms and lateral-movement tools do: addresses in scrambled order, both ports per address.
 * Most addresses are unused (S0); workstations refuse RDP (REJ) and some answer on SMB.
 */
final class HorizontalPortScan extends ScenarioSource {
    static final double PROBES_PER_SECOND = 40;
    static final int[] PORTS = {445, 3389};
    private static final int ADDRESSES = 65536;
    private static final int SYN_BYTES = 44;

    private final int attackerIndex;
    private final String attacker;
    private final int stride;
    private final int offset;
    private final double meanGapMs;
    private int probe;

    HorizontalPortScan(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        attackerIndex = net.anyClient(rand);
        attacker = net.client(attackerIndex);
        stride = 2 * rand.nextInt(ADDRESSES / 2) + 1; // odd: a permutation of 2^16 addresses
        offset = rand.nextInt(ADDRESSES);
        meanGapMs = 1000 / (PROBES_PER_SECOND * intensity);
    }

    @Override
    String source() {
        return attacker;
    }

    @Override
    String target() {
        return "10.0.0.0/16 ports 445, 3389";
    }

    @Override
    double event(double t, Emitter out) {
        while (probe < ADDRESSES * PORTS.length) {
            int host = (int) ((stride * (long) (probe / PORTS.length) + offset) % ADDRESSES);
            int port = PORTS[probe % PORTS.length];
            probe++;
            int last = host & 0xFF;
            int address = Ipv4.of(10, 0, host >>> 8, last);
            int client = net.clientIndex(address);
            if (last == 0 || last == 255 || client == attackerIndex) continue;
            String victim = client >= 0 ? net.client(client) : Ipv4.text(address);
            if (client < 0) {
                FlowRecord r = tcp(t, 0, attacker, rand.clientPort(), victim, port, null);
                Flows.tcpNoReply(r, 1, SYN_BYTES);
                out.emit(r);
            } else if (port == 445 && (Rand.mix(client) & 1) == 0) {
                FlowRecord r = tcp(t, rand.uniform(0.2, 1), attacker, rand.clientPort(), victim, port, null);
                Flows.tcpProbeOpen(r, SYN_BYTES);
                out.emit(r);
            } else {
                FlowRecord r = tcp(t, rand.uniform(0.2, 1), attacker, rand.clientPort(), victim, port, null);
                Flows.tcpRejected(r, SYN_BYTES);
                out.emit(r);
            }
            return rand.exponential(meanGapMs);
        }
        return Double.POSITIVE_INFINITY;
    }
}
