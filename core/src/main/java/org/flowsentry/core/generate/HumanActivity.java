package org.flowsentry.core.generate;

import org.flowsentry.core.flow.Protocols;
import org.flowsentry.schema.FlowRecord;

/**
 * What people do, following the daily rhythm: browsing (DNS, then HTTPS, some HTTP and QUIC),
 * mail, intranet, directory logons, file shares, video, cloud uploads, developers' SSH and git,
 * the odd failed connection, and Internet visitors of the public web server. Sessions arrive as
 * a Poisson process whose rate follows {@link DailyRhythm}; clients take part by their activity.
 */
final class HumanActivity extends BenignSource {
    /** Share of the peak benign rate that comes from people (the rest is machines, always on). */
    static final double SHARE = 0.92;

    /** Session kinds: weight and the mean number of flows one session emits (used to set the rate). */
    private enum Kind {
        WEB(0.46, 0.5 * DNS_FLOWS + 2.5),
        DNS(0.12, DNS_FLOWS),
        MAIL(0.03, 1),
        INTRANET(0.06, 1.5),
        DIRECTORY(0.05, 2),
        FILE_SHARE(0.05, 1),
        /** Rare per session, but each is long and big: about two videos per person and day. */
        STREAMING(0.0003, 1),
        CLOUD_UPLOAD(0.0005, 1),
        FAILED(0.02, 1),
        VISITOR(0.06, 2),
        /** Developers only. */
        SSH(0.06, 1);

        final double weight;
        final double flows;

        Kind(double weight, double flows) {
            this.weight = weight;
            this.flows = flows;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final int[] CLOSED_PORTS = {8080, 3389, 5985, 8443, 9090};

    private final double[] officeCumulative = cumulative(false);
    private final double[] developerCumulative = cumulative(true);
    /** Sessions per ms at the weekday peak. */
    private final double peakSessionsPerMs;

    HumanActivity(Network net, Rand rand, long startMs, long endMs, double peakFlowsPerSecond) {
        super(net, rand, startMs, endMs);
        double dev = net.developerActivityShare();
        double flowsPerSession = dev * meanFlows(true) + (1 - dev) * meanFlows(false);
        peakSessionsPerMs = peakFlowsPerSecond * SHARE / 1000 / flowsPerSession;
        advance(rand.exponential(1 / (peakSessionsPerMs * DailyRhythm.humanLevel(clock))));
    }

    private static double[] cumulative(boolean developer) {
        double[] c = new double[KINDS.length];
        double sum = 0;
        for (Kind k : KINDS) sum += weight(k, developer);
        double acc = 0;
        for (int i = 0; i < KINDS.length; i++) {
            acc += weight(KINDS[i], developer) / sum;
            c[i] = acc;
        }
        return c;
    }

    private static double weight(Kind k, boolean developer) {
        return k == Kind.SSH && !developer ? 0 : k.weight;
    }

    private static double meanFlows(boolean developer) {
        double sum = 0;
        double flows = 0;
        for (Kind k : KINDS) {
            sum += weight(k, developer);
            flows += weight(k, developer) * k.flows;
        }
        return flows / sum;
    }

    @Override
    void step(Emitter out) {
        double t = clock;
        int client = net.activeClient(rand);
        double[] table = net.isDeveloper(client) ? developerCumulative : officeCumulative;
        double u = rand.uniform();
        int k = 0;
        while (k < KINDS.length - 1 && u >= table[k]) k++;
        session(KINDS[k], t, net.client(client), out);
        advance(rand.exponential(1 / (peakSessionsPerMs * DailyRhythm.humanLevel(t))));
    }

    private void session(Kind kind, double t, String client, Emitter out) {
        switch (kind) {
            case WEB -> web(t, client, out);
            case DNS -> dnsLookup(t, client, false, out);
            case MAIL -> mail(t, client, out);
            case INTRANET -> {
                // The intranet web server, or one of the extra application servers.
                int apps = net.serverCount() - Network.Role.values().length;
                String app = apps > 0 && rand.chance(0.5)
                        ? net.server(Network.Role.values().length + rand.nextInt(apps)) : net.server(Network.Role.WEB);
                int connections = 1 + rand.nextInt(2);
                for (int c = 0; c < connections; c++) {
                    tls(t + c * rand.uniform(0, 200), client, rand.clientPort(), app, 443, "https", rand.uniform(0.2, 1),
                            rand.logNormal(1500, 0.8, 300, 5e6), rand.logNormal(20_000, 1.5, 400, 5e8), keepAlive(), out);
                }
            }
            case DIRECTORY -> directory(t, client, out);
            case FILE_SHARE -> fileShare(t, client, out);
            case STREAMING -> streaming(t, client, out);
            case CLOUD_UPLOAD -> {
                // Sync clients push big files: srcBytes >> dstBytes, like exfiltration but benign.
                double size = rand.logNormal(15e6, 1.0, 1e6, 2e9);
                double bitsPerMs = rand.logNormal(20e3, 0.6, 2e3, 5e5);
                tlsBulk(t, client, net.cloudStorage(rand), 4 * 30 + size * 8 / bitsPerMs, size, rand.logNormal(6000, 0.5), out);
            }
            case FAILED -> failed(t, client, out);
            case VISITOR -> {
                // An Internet user browsing the public web site; some type the bare name and get
                // redirected from port 80 first.
                String visitor = Ipv4.text(Ipv4.randomPublic(rand));
                String web = net.server(Network.Role.WEB);
                int connections = 1 + rand.nextInt(3);
                double rtt = rand.logNormal(40, 0.6, 5, 400);
                for (int c = 0; c < connections; c++) {
                    double ct = t + c * rand.uniform(0, 300);
                    if (c == 0 && rand.chance(0.15)) {
                        tls(ct, visitor, rand.clientPort(), web, 80, "http", rtt, rand.between(300, 500),
                                rand.between(350, 450), 0, out);
                    } else {
                        tls(ct, visitor, rand.clientPort(), web, 443, "https", rtt, rand.logNormal(1200, 0.9, 300, 1e6),
                                webResponse(), keepAlive(), out);
                    }
                }
            }
            case SSH -> ssh(t, client, out);
        }
    }

    private void web(double t, String client, Emitter out) {
        String site = net.webSite(rand);
        double at = t;
        if (rand.chance(0.5)) at += dnsLookup(t, client, false, out); // otherwise the name is cached
        int connections = 1 + rand.nextInt(4);
        double rtt = rand.logNormal(25, 0.6, 2, 400);
        double u = rand.uniform();
        for (int c = 0; c < connections; c++) {
            double ct = at + (c == 0 ? 0 : rand.uniform(0, 400));
            double request = rand.logNormal(1200, 0.9, 300, 5e6);
            double response = webResponse();
            if (u < 0.06) {
                quic(ct, client, site, rtt, request, response, out);
            } else if (u < 0.10) {
                tls(ct, client, rand.clientPort(), site, 80, "http", rtt, request * 0.5, response, keepAlive(), out);
            } else {
                tls(ct, client, rand.clientPort(), site, 443, "https", rtt, request, response, keepAlive(), out);
            }
        }
    }

    /** HTTP/3 over UDP 443: padded 1200-byte Initial, data packets, and ACK frames back. */
    private void quic(double t, String client, String site, double rttMs, double request, double response, Emitter out) {
        long bwd = (long) response;
        long bwdPackets = 1 + Flows.ceilDiv(bwd, 1350);
        long fwdData = 1 + Flows.ceilDiv((long) request, 1200);
        long fwdAcks = bwdPackets / 4;
        double bitsPerMs = rand.logNormal(25e3, 0.8, 1e3, 1e6);
        FlowRecord r = benign(t, 2 * rttMs + response * 8 / bitsPerMs + keepAlive() / 3, Protocols.UDP, client,
                rand.clientPort(), site, 443, "quic");
        long fwdBytes = 1200 + (long) request + fwdData * Flows.UDP_HEADER + fwdAcks * (Flows.UDP_HEADER + 40);
        Flows.udp(r, fwdData + fwdAcks, fwdBytes, bwdPackets, bwd + bwdPackets * Flows.UDP_HEADER);
        out.emit(r);
    }

    private void mail(double t, String client, Emitter out) {
        String mail = net.server(Network.Role.MAIL);
        if (rand.chance(0.8)) {
            // IMAPS sync; some connections are long IMAP IDLE sessions that wait for new mail.
            boolean idle = rand.chance(0.3);
            double duration = idle ? rand.logNormal(20 * 60_000, 0.6, 60_000, 4 * 3_600_000) : rand.logNormal(800, 1.0, 20, 60_000);
            long fwd = (long) rand.logNormal(900, 0.8, 200, 1e6);
            long bwd = (long) rand.logNormal(idle ? 4000 : 25_000, 1.6, 300, 5e8);
            FlowRecord r = benign(t, duration, Protocols.TCP, client, rand.clientPort(), mail, 993, "imaps");
            Flows.tcpExchange(r, Math.max(4, fwd / 200), fwd, Math.max(4, Flows.ceilDiv(bwd, Flows.MSS)), bwd, close());
            out.emit(r);
        } else {
            // Submission of one message: the client sends, the server replies with short status lines.
            long message = (long) rand.logNormal(40_000, 1.4, 800, 3e7);
            FlowRecord r = benign(t, 10 * 0.5 + message * 8 / rand.logNormal(50e3, 0.6), Protocols.TCP, client,
                    rand.clientPort(), mail, 587, "smtp");
            Flows.tcpExchange(r, 8 + Flows.ceilDiv(message, Flows.MSS), message + 300, rand.between(8, 12),
                    rand.between(600, 1200), Flows.Close.FIN);
            out.emit(r);
        }
    }

    private void directory(double t, String client, Emitter out) {
        String dc = net.server(Network.Role.DC);
        // Kerberos ticket request, mostly over TCP because tickets with group memberships are big.
        if (rand.chance(0.7)) {
            FlowRecord r = benign(t, rand.uniform(1, 5), Protocols.TCP, client, rand.clientPort(), dc, 88, "kerberos");
            Flows.tcpExchange(r, 1, rand.between(1300, 1900), 1, rand.between(1400, 2600), Flows.Close.FIN);
            out.emit(r);
        } else {
            FlowRecord r = benign(t, rand.uniform(0.5, 3), Protocols.UDP, client, rand.clientPort(), dc, 88, "kerberos");
            Flows.udp(r, 1, rand.between(300, 1400), 1, rand.between(200, 1400));
            out.emit(r);
        }
        double t2 = t + rand.uniform(2, 50);
        if (rand.chance(0.8)) {
            long fwd = (long) rand.logNormal(700, 0.7, 150, 1e5);
            long bwd = (long) rand.logNormal(3000, 1.2, 200, 5e6);
            FlowRecord r = benign(t2, rand.logNormal(40, 1.0, 1, 60_000), Protocols.TCP, client, rand.clientPort(), dc, 389, "ldap");
            Flows.tcpExchange(r, rand.between(3, 6), fwd, Math.max(3, Flows.ceilDiv(bwd, Flows.MSS)), bwd, close());
            out.emit(r);
        } else {
            // Connectionless LDAP: the domain controller locator ping.
            FlowRecord r = benign(t2, rand.uniform(0.2, 2), Protocols.UDP, client, rand.clientPort(), dc, 389, "ldap");
            Flows.udp(r, 1, rand.between(180, 240), 1, rand.between(250, 320));
            out.emit(r);
        }
    }

    private void fileShare(double t, String client, Emitter out) {
        double size = rand.logNormal(150_000, 1.8, 2000, 4e9);
        double requests = 1500 + size * 0.01;
        boolean write = rand.chance(0.3);
        double bitsPerMs = rand.logNormal(400e3, 0.6, 10e3, 1e7);
        double idle = rand.exponential(60_000);
        FlowRecord r = benign(t, 1 + size * 8 / bitsPerMs + idle, Protocols.TCP, client, rand.clientPort(),
                net.server(Network.Role.FILE), 445, "smb");
        long fwd = (long) (write ? size : requests);
        long bwd = (long) (write ? requests : size);
        Flows.tcpExchange(r, Math.max(6, Flows.ceilDiv(fwd, Flows.MSS)), fwd, Math.max(6, Flows.ceilDiv(bwd, Flows.MSS)), bwd, close());
        out.emit(r);
    }

    private void streaming(double t, String client, Emitter out) {
        // Adaptive streaming: a segment request every few seconds, the video coming back.
        double seconds = rand.uniform(3 * 60, 25 * 60);
        double bitsPerSecond = rand.logNormal(2.5e6, 0.5, 5e5, 2.5e7);
        long bwd = (long) (bitsPerSecond * seconds / 8);
        long requests = (long) (seconds / 4);
        FlowRecord r = benign(t, seconds * 1000, Protocols.TCP, client, rand.clientPort(), net.videoServer(rand), 443, "https");
        Flows.tcpExchange(r, requests, requests * rand.between(500, 900), Flows.ceilDiv(bwd, Flows.MSS), bwd, close());
        out.emit(r);
    }

    /** An HTTPS upload: the data forward, pure ACKs and a short response backward. */
    private void tlsBulk(double t, String client, String dst, double durationMs, double upload, double response, Emitter out) {
        FlowRecord r = benign(t, durationMs, Protocols.TCP, client, rand.clientPort(), dst, 443, "https");
        Flows.tcpBulk(r, (long) upload, (long) response, Flows.Close.FIN);
        out.emit(r);
    }

    private void failed(double t, String client, Emitter out) {
        if (rand.chance(0.6)) {
            // A site that does not answer: the SYN and its retransmissions after 1 s and 3 s.
            int syns = rand.between(1, 3);
            FlowRecord r = benign(t, syns == 1 ? 0 : syns == 2 ? 1000 : 3000, Protocols.TCP, client, rand.clientPort(),
                    net.webSite(rand), 443, null);
            Flows.tcpNoReply(r, syns, 52);
            out.emit(r);
        } else {
            // A port nobody listens on (a stale bookmark, a tool's default port).
            FlowRecord r = benign(t, rand.uniform(0.2, 1), Protocols.TCP, client, rand.clientPort(),
                    net.server(rand.nextInt(net.serverCount())), CLOSED_PORTS[rand.nextInt(CLOSED_PORTS.length)], null);
            Flows.tcpRejected(r, 52);
            out.emit(r);
        }
    }

    private void ssh(double t, String client, Emitter out) {
        String server = net.server(Network.Role.SSH);
        if (rand.chance(0.6)) {
            // git fetch/push over SSH: key exchange, then a pack of some size.
            long fwd = (long) rand.logNormal(3500, 0.4, 1500, 2e5);
            long bwd = (long) rand.logNormal(40_000, 1.8, 2000, 5e8);
            FlowRecord r = benign(t, 300 + bwd * 8 / rand.logNormal(100e3, 0.6) + rand.uniform(0, 2000), Protocols.TCP,
                    client, rand.clientPort(), server, 22, "ssh");
            Flows.tcpExchange(r, rand.between(8, 14), fwd, Math.max(8, Flows.ceilDiv(bwd, Flows.MSS)), bwd, Flows.Close.FIN);
            out.emit(r);
        } else {
            // An interactive session: small keystroke packets forward, echoes and output back.
            double seconds = rand.logNormal(20 * 60, 0.8, 30, 8 * 3600);
            long keystrokes = Math.max(10, (long) (seconds * rand.logNormal(0.4, 0.6)));
            long fwd = 2500 + keystrokes * rand.between(36, 64);
            long bwdSegments = keystrokes + keystrokes / 3;
            long bwd = bwdSegments * rand.between(40, 120) + (long) rand.logNormal(60_000, 1.5, 1000, 1e8);
            FlowRecord r = benign(t, seconds * 1000, Protocols.TCP, client, rand.clientPort(), server, 22, "ssh");
            Flows.tcpExchange(r, keystrokes, fwd, bwdSegments, bwd, Flows.Close.FIN);
            out.emit(r);
        }
    }
}
