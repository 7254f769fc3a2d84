package org.flowsentry.core.generate;

import org.flowsentry.core.flow.Protocols;
import org.flowsentry.schema.FlowRecord;

/**
 * DNS tunnelling (iodine/dnscat2-like): a compromised workstation encodes data in long query
 * names under the attacker's domain and gets TXT answers back, several queries a second. Each
 * query misses the resolver's cache, so the resolver forwards it to the attacker's name server:
 * both flows carry the attack label.
 */
final class DnsTunnel extends ScenarioSource {
    static final double QUERIES_PER_SECOND = 8;

    private final String host;
    private final String resolver;
    private final String nameServer;
    private final double meanGapMs;

    DnsTunnel(ScenarioSpec spec, long runStartMs, Network net, Rand rand) {
        super(spec, runStartMs, net, rand);
        host = net.client(net.anyClient(rand));
        resolver = net.server(Network.Role.DNS1);
        nameServer = randomInternetHost(rand);
        meanGapMs = 1000 / (QUERIES_PER_SECOND * intensity);
    }

    @Override
    String source() {
        return host;
    }

    @Override
    String target() {
        return resolver + " -> " + nameServer;
    }

    @Override
    double event(double t, Emitter out) {
        // IP+UDP, header, a 120-230 byte encoded name, type/class, EDNS0; answers of 200-700 bytes.
        int request = Flows.UDP_HEADER + 12 + rand.between(120, 230) + 4 + 11;
        int response = request + 12 + rand.between(200, 700);
        double waited = rand.logNormal(40, 0.5, 5, 1000);
        FlowRecord query = flow(t, waited, Protocols.UDP, host, rand.clientPort(), resolver, 53, "dns");
        Flows.udp(query, 1, request, 1, response);
        out.emit(query);
        // Forwarded within a fraction of a millisecond: same start, so it stays inside the attack window.
        FlowRecord forwarded = flow(t, waited * 0.9, Protocols.UDP, resolver, rand.between(1024, 65535),
                nameServer, 53, "dns");
        Flows.udp(forwarded, 1, request, 1, response);
        out.emit(forwarded);
        return rand.exponential(meanGapMs);
    }
}
