package org.flowsentry.core.generate;

import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.schema.FlowRecord;

/** Shared pieces of benign traffic: DNS lookups, TLS connections and their ways of ending. */
abstract class BenignSource extends Source {
    /** Share of lookups the resolver cannot answer from its cache and forwards to the Internet. */
    static final double DNS_FORWARD_SHARE = 0.3;
    /** Share of lookups that get no answer at all (a real network's benign failures). */
    static final double DNS_TIMEOUT_SHARE = 0.012;
    /** Expected flows of one {@link #dnsLookup}: the query, and the resolver's own query on a miss. */
    static final double DNS_FLOWS = 1 + DNS_FORWARD_SHARE * (1 - DNS_TIMEOUT_SHARE);

    final Network net;
    final Rand rand;
    final long endMs;

    BenignSource(Network net, Rand rand, long startMs, long endMs) {
        this.net = net;
        this.rand = rand;
        this.endMs = endMs;
        this.clock = startMs;
    }

    /** Moves the clock by a gap, finishing the process at the end of the run. */
    final void advance(double gapMs) {
        double next = clock + gapMs;
        clock = next < endMs ? next : Double.POSITIVE_INFINITY;
    }

    static FlowRecord benign(double t, double durationMs, int protocol, String src, int srcPort,
                             String dst, int dstPort, String service) {
        return Flows.flow((long) t, Flows.us(durationMs), protocol, src, srcPort, dst, dstPort, service, Labels.BENIGN, null);
    }

    /**
     * One name lookup from a host to its resolver (UDP 53), plus the resolver's query to an
     * Internet name server on a cache miss. Some get NXDOMAIN, a few no answer at all.
     * Returns how long the host waited, in ms.
     */
    final double dnsLookup(double t, String host, boolean linux, Emitter out) {
        String resolver = net.resolver(rand);
        if (resolver.equals(host)) resolver = net.server(Network.Role.DNS2);
        if (resolver.equals(host)) return 0; // a one-server site resolves locally, off the wire
        int srcPort = linux ? rand.linuxPort() : rand.clientPort();
        int qname = (int) rand.logNormal(24, 0.35, 8, 120);
        boolean edns = rand.chance(0.7);
        // IP+UDP, DNS header, name, type and class, EDNS0 OPT record.
        int request = Flows.UDP_HEADER + 12 + qname + 2 + 4 + (edns ? 11 : 0);
        if (rand.chance(DNS_TIMEOUT_SHARE)) {
            int tries = rand.chance(0.5) ? 1 : 2;
            double waited = tries * 1000.0;
            FlowRecord r = benign(t, tries == 1 ? 0 : 1000 + rand.uniform(0, 20), Protocols.UDP, host, srcPort, resolver, 53, "dns");
            Flows.udp(r, tries, (long) tries * request, 0, 0);
            out.emit(r);
            return waited;
        }
        int response;
        if (rand.chance(0.06)) {
            response = request + rand.between(60, 110); // NXDOMAIN with the zone's SOA record
        } else {
            response = request + rand.between(1, 4) * 16 + (rand.chance(0.35) ? rand.between(20, 70) : 0);
        }
        boolean miss = rand.chance(DNS_FORWARD_SHARE);
        double waited = miss ? rand.logNormal(30, 0.8, 3, 2000) : rand.uniform(0.15, 1.5);
        FlowRecord r = benign(t, waited, Protocols.UDP, host, srcPort, resolver, 53, "dns");
        Flows.udp(r, 1, request, 1, response);
        out.emit(r);
        if (miss) {
            FlowRecord f = benign(t + 0.1, waited * 0.9, Protocols.UDP, resolver, rand.between(1024, 65535),
                    net.dnsAuthority(rand), 53, "dns");
            Flows.udp(f, 1, request, 1, response + rand.between(0, 120));
            out.emit(f);
        }
        return waited;
    }

    /**
     * A TLS (or plain HTTP) connection: handshake round trips, the transfer at a heavy-tailed
     * throughput, and keep-alive idle time before it closes.
     */
    final void tls(double t, String src, int srcPort, String dst, int dstPort, String service, double rttMs,
                   double fwdPayload, double bwdPayload, double idleMs, Emitter out) {
        double bitsPerMs = rand.logNormal(25e3, 0.8, 1e3, 1e6);
        double durationMs = 3 * rttMs + (fwdPayload + bwdPayload) * 8 / bitsPerMs + idleMs;
        FlowRecord r = benign(t, durationMs, Protocols.TCP, src, srcPort, dst, dstPort, service);
        long fwd = (long) fwdPayload;
        long bwd = (long) bwdPayload;
        // Hello, key exchange and request forward; hello, certificate, tickets, response backward.
        Flows.tcpExchange(r, Math.max(3, Flows.ceilDiv(fwd, Flows.MSS)), fwd,
                Math.max(3, Flows.ceilDiv(bwd, Flows.MSS)), bwd, close());
        out.emit(r);
    }

    /** Most connections end with FIN; some are reset, by the client (browsers) or the server. */
    final Flows.Close close() {
        double u = rand.uniform();
        if (u < 0.90) return Flows.Close.FIN;
        return u < 0.97 ? Flows.Close.RST_ORIGINATOR : Flows.Close.RST_RESPONDER;
    }

    /** A web response size: mostly small objects, a Pareto tail of big downloads. */
    final double webResponse() {
        if (rand.chance(0.005)) return Math.min(2e9, rand.pareto(500_000, 1.3));
        return rand.logNormal(12_000, 1.6, 400, 2e9);
    }

    /** Idle time a browser keeps a connection open before closing it. */
    final double keepAlive() {
        return rand.chance(0.6) ? Math.min(300_000, rand.exponential(15_000)) : 0;
    }
}
