package org.flowsentry.core.generate;

import org.flowsentry.core.flow.Protocols;
import org.flowsentry.schema.FlowRecord;

/**
 * The monitoring server's checks, every minute like clockwork: a ping to every server, a DNS
 * query to each resolver and an HTTPS check of the web site. Benign periodic traffic, so that
 * regularity alone does not give C2 beaconing away.
 */
final class Monitoring extends BenignSource {
    static final long INTERVAL_MS = 60_000;

    private final String monitor;

    Monitoring(Network net, Rand rand, long startMs, long endMs) {
        super(net, rand, startMs, endMs);
        monitor = net.server(Network.Role.MONITOR);
        advance(7_000); // checks run at second 7 of each minute of the run
    }

    @Override
    void step(Emitter out) {
        double t = clock;
        int n = net.serverCount();
        for (int i = 0; i < n; i++) {
            String server = net.server(i);
            if (server.equals(monitor)) continue;
            // One echo request and reply of 84 bytes (IP + ICMP header + 56 data bytes).
            FlowRecord r = benign(t + i * 2, rand.uniform(0.15, 0.8), Protocols.ICMP, monitor, 0, server, 0, null);
            Flows.icmpEcho(r, 1, 84, true);
            out.emit(r);
        }
        double at = t + n * 2 + 100;
        for (Network.Role role : new Network.Role[] {Network.Role.DNS1, Network.Role.DNS2}) {
            String resolver = net.server(role);
            if (resolver.equals(monitor)) continue;
            FlowRecord r = benign(at, rand.uniform(0.2, 1), Protocols.UDP, monitor, rand.linuxPort(), resolver, 53, "dns");
            Flows.udp(r, 1, 68, 1, 84);
            out.emit(r);
            at += 1;
        }
        String web = net.server(Network.Role.WEB);
        if (!web.equals(monitor)) {
            tls(at + 50, monitor, rand.linuxPort(), web, 443, "https", rand.uniform(0.2, 1),
                    rand.between(700, 760), rand.between(4200, 4600), 0, out);
        }
        advance(INTERVAL_MS);
    }
}
