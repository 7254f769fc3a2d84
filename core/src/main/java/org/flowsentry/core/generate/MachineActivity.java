package org.flowsentry.core.generate;

import org.flowsentry.core.flow.Protocols;
import org.flowsentry.schema.FlowRecord;

/**
 * What computers do on their own, day and night at a constant rate: servers' and idle clients'
 * DNS, update and telemetry checks, NTP, servers' directory queries, mail to and from the
 * Internet, and calls between internal services.
 */
final class MachineActivity extends BenignSource {
    /** Share of the peak benign rate; the same at any hour, so it sets the night-time floor. */
    static final double SHARE = 1 - HumanActivity.SHARE;

    private enum Kind {
        SERVER_DNS(0.25, DNS_FLOWS),
        CLIENT_DNS(0.20, DNS_FLOWS),
        UPDATES(0.25, 1),
        CLIENT_NTP(0.02, 1),
        SERVER_NTP(0.01, 1),
        SERVER_DIRECTORY(0.10, 1),
        SMTP_IN(0.02, 1),
        SMTP_OUT(0.01, 1),
        INTERNAL_API(0.14, 1);

        final double weight;
        final double flows;

        Kind(double weight, double flows) {
            this.weight = weight;
            this.flows = flows;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final double[] CUMULATIVE = new double[KINDS.length];
    private static final double FLOWS_PER_EVENT;

    static {
        double sum = 0;
        double flows = 0;
        for (Kind k : KINDS) {
            sum += k.weight;
            flows += k.weight * k.flows;
        }
        double acc = 0;
        for (int i = 0; i < KINDS.length; i++) {
            acc += KINDS[i].weight / sum;
            CUMULATIVE[i] = acc;
        }
        FLOWS_PER_EVENT = flows / sum;
    }

    private final double meanGapMs;

    MachineActivity(Network net, Rand rand, long startMs, long endMs, double peakFlowsPerSecond) {
        super(net, rand, startMs, endMs);
        meanGapMs = 1000 * FLOWS_PER_EVENT / (peakFlowsPerSecond * SHARE);
        advance(rand.exponential(meanGapMs));
    }

    @Override
    void step(Emitter out) {
        double t = clock;
        double u = rand.uniform();
        int k = 0;
        while (k < KINDS.length - 1 && u >= CUMULATIVE[k]) k++;
        event(KINDS[k], t, out);
        advance(rand.exponential(meanGapMs));
    }

    private void event(Kind kind, double t, Emitter out) {
        String server = net.server(rand.nextInt(net.serverCount()));
        switch (kind) {
            case SERVER_DNS -> dnsLookup(t, server, true, out);
            case CLIENT_DNS -> dnsLookup(t, net.client(net.anyClient(rand)), false, out);
            case UPDATES -> {
                boolean fromServer = rand.chance(0.3);
                tls(t, fromServer ? server : net.client(net.anyClient(rand)), fromServer ? rand.linuxPort() : rand.clientPort(),
                        net.updateServer(rand), 443, "https", rand.logNormal(30, 0.5, 3, 300),
                        rand.logNormal(1500, 0.5, 400, 1e5), rand.logNormal(8000, 1.5, 500, 2e8), 0, out);
            }
            case CLIENT_NTP -> {
                // Windows time service: source port 123, to the domain controller.
                FlowRecord r = benign(t, rand.uniform(0.2, 1), Protocols.UDP, net.client(net.anyClient(rand)), 123,
                        net.server(Network.Role.DC), 123, "ntp");
                Flows.udp(r, 1, 76, 1, 76);
                out.emit(r);
            }
            case SERVER_NTP -> {
                FlowRecord r = benign(t, rand.logNormal(20, 0.5, 2, 300), Protocols.UDP, server,
                        rand.chance(0.5) ? 123 : rand.linuxPort(), net.ntpServer(rand), 123, "ntp");
                Flows.udp(r, 1, 76, 1, 76);
                out.emit(r);
            }
            case SERVER_DIRECTORY -> {
                String dc = net.server(Network.Role.DC);
                if (server.equals(dc)) return; // a one-server site asks itself
                long bwd = (long) rand.logNormal(2000, 1.0, 200, 1e6);
                FlowRecord r = benign(t, rand.logNormal(5, 1.0, 0.5, 5000), Protocols.TCP, server, rand.linuxPort(), dc, 389, "ldap");
                Flows.tcpExchange(r, rand.between(2, 4), rand.between(300, 900), Math.max(2, Flows.ceilDiv(bwd, Flows.MSS)), bwd, Flows.Close.FIN);
                out.emit(r);
            }
            case SMTP_IN, SMTP_OUT -> {
                // Server-to-server mail: the sender pushes one message, the receiver answers with status lines.
                boolean in = kind == Kind.SMTP_IN;
                String peer = net.mailPeer(rand);
                String mail = net.server(Network.Role.MAIL);
                long message = (long) rand.logNormal(30_000, 1.5, 1500, 3e7);
                double rtt = rand.logNormal(30, 0.6, 3, 400);
                FlowRecord r = benign(t, 12 * rtt + message * 8 / rand.logNormal(50e3, 0.8), Protocols.TCP, in ? peer : mail,
                        rand.linuxPort(), in ? mail : peer, 25, "smtp");
                Flows.tcpExchange(r, 8 + Flows.ceilDiv(message, Flows.MSS), message + 250, rand.between(8, 11),
                        rand.between(500, 900), Flows.Close.FIN);
                out.emit(r);
            }
            case INTERNAL_API -> {
                String other = net.server(rand.nextInt(net.serverCount()));
                if (other.equals(server)) return;
                tls(t, server, rand.linuxPort(), other, 8443, "https", rand.uniform(0.2, 1),
                        rand.logNormal(800, 0.8, 200, 1e6), rand.logNormal(3000, 1.3, 200, 5e7), rand.exponential(2000), out);
            }
        }
    }
}
