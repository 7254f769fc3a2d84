package org.flowsentry.core.generate;

import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;

/**
 * Builds generated FlowRecords with packet and byte counters that follow from how the protocol
 * behaves: TCP handshakes and closes, MSS-sized data segments, delayed ACKs, one datagram per
 * DNS/NTP message. Bytes are IP bytes (headers included), as Argus and NetFlow count them.
 *
 * <p>States use Zeek's conn_state names for TCP ("SF" completed, "S0" no reply, "REJ" refused,
 * "RSTO"/"RSTR" reset by originator/responder, "S1" established and still open) and Argus' names
 * for the others ("CON" answered UDP, "INT" unanswered UDP, "ECO" ICMP echo).
 */
final class Flows {
    static final String EXPORTER = "flowsentry-generator";

    static final String SF = "SF";
    static final String S0 = "S0";
    static final String REJ = "REJ";
    static final String RSTO = "RSTO";
    static final String RSTR = "RSTR";
    static final String S1 = "S1";
    static final String CON = "CON";
    static final String INT = "INT";
    static final String ECO = "ECO";

    /** IPv4 (20) + TCP (20) + timestamps option (12): an ACK or the header of a data segment. */
    static final int TCP_HEADER = 52;
    /** SYN and SYN-ACK with MSS, SACK-permitted, timestamps and window scale options. */
    static final int SYN_BYTES = 60;
    /** A RST or RST-ACK carries no options. */
    static final int RST_BYTES = 40;
    /** Largest TCP payload in a 1500-byte packet with the timestamps option. */
    static final int MSS = 1448;
    /** IPv4 (20) + UDP (8). */
    static final int UDP_HEADER = 28;

    /** How an established TCP connection ended, as the flow meter saw it. */
    enum Close { FIN, RST_ORIGINATOR, RST_RESPONDER, OPEN }

    private static final int ESTABLISHED = TcpFlags.SYN | TcpFlags.ACK;

    private Flows() {}

    /** A record with time, endpoints and ground truth set; counters are filled by the methods below. */
    static FlowRecord flow(long startMs, long durationUs, int protocol, String src, int srcPort,
                           String dst, int dstPort, String service, String label, String category) {
        FlowRecord r = FlowRecords.blank();
        r.setStartMs(startMs);
        r.setEndMs(startMs + durationUs / 1000);
        r.setDurationUs(durationUs);
        r.setProtocol(protocol);
        r.setSrcAddr(src);
        r.setDstAddr(dst);
        if (Protocols.hasPorts(protocol)) {
            r.setSrcPort(srcPort);
            r.setDstPort(dstPort);
        }
        r.setService(service);
        r.setExporter(EXPORTER);
        r.setLabel(label);
        r.setAttackCategory(category);
        return r;
    }

    /** Microseconds from milliseconds given as a double, never negative. */
    static long us(double ms) {
        return ms <= 0 ? 0 : (long) (ms * 1000);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** A bulk transfer each way: MSS-sized segments, one delayed ACK for every two segments received. */
    static void tcpBulk(FlowRecord r, long fwdPayload, long bwdPayload, Close close) {
        tcpExchange(r, ceilDiv(fwdPayload, MSS), fwdPayload, ceilDiv(bwdPayload, MSS), bwdPayload, close);
    }

    /**
     * A connection whose data travels in the given numbers of segments (one per application message
     * for chatty protocols). Data segments carry the ACKs for the other side's data; pure ACKs make
     * up the rest of the delayed-ACK count.
     */
    static void tcpExchange(FlowRecord r, long fwdSegments, long fwdPayload, long bwdSegments, long bwdPayload,
                            Close close) {
        fwdSegments = segments(fwdSegments, fwdPayload);
        bwdSegments = segments(bwdSegments, bwdPayload);
        long fwdAcks = Math.max(0, (bwdSegments + 1) / 2 - fwdSegments);
        long bwdAcks = Math.max(0, (fwdSegments + 1) / 2 - bwdSegments);
        tcpEstablished(r, fwdSegments, fwdPayload, fwdAcks, bwdSegments, bwdPayload, bwdAcks, close);
    }

    /** A completed three-way handshake, the data and pure ACKs given, and the close. */
    static void tcpEstablished(FlowRecord r, long fwdSegments, long fwdPayload, long fwdAcks,
                               long bwdSegments, long bwdPayload, long bwdAcks, Close close) {
        fwdSegments = segments(fwdSegments, fwdPayload);
        bwdSegments = segments(bwdSegments, bwdPayload);
        // SYN and the handshake's ACK forward, SYN-ACK backward.
        long fwdPackets = 2 + fwdSegments + fwdAcks;
        long bwdPackets = 1 + bwdSegments + bwdAcks;
        long fwdBytes = SYN_BYTES + TCP_HEADER + fwdPayload + (fwdSegments + fwdAcks) * TCP_HEADER;
        long bwdBytes = SYN_BYTES + bwdPayload + (bwdSegments + bwdAcks) * TCP_HEADER;
        int flags = ESTABLISHED;
        if (fwdPayload + bwdPayload > 0) flags |= TcpFlags.PSH;
        String state;
        switch (close) {
            case FIN -> {
                // FIN and the last ACK forward, FIN-ACK backward.
                fwdPackets += 2;
                fwdBytes += 2 * TCP_HEADER;
                bwdPackets += 1;
                bwdBytes += TCP_HEADER;
                flags |= TcpFlags.FIN;
                state = SF;
            }
            case RST_ORIGINATOR -> {
                fwdPackets += 1;
                fwdBytes += RST_BYTES;
                flags |= TcpFlags.RST;
                state = RSTO;
            }
            case RST_RESPONDER -> {
                bwdPackets += 1;
                bwdBytes += RST_BYTES;
                flags |= TcpFlags.RST;
                state = RSTR;
            }
            default -> state = S1;
        }
        setCounters(r, fwdPackets, fwdBytes, bwdPackets, bwdBytes);
        r.setTcpFlags(flags);
        r.setState(state);
    }

    /** SYNs (first try and retransmissions) that nobody answered. */
    static void tcpNoReply(FlowRecord r, int syns, int synBytes) {
        setCounters(r, syns, (long) syns * synBytes, 0, 0);
        r.setTcpFlags(TcpFlags.SYN);
        r.setState(S0);
    }

    /** A SYN answered by RST-ACK: nothing listens on the port. */
    static void tcpRejected(FlowRecord r, int synBytes) {
        setCounters(r, 1, synBytes, 1, RST_BYTES);
        r.setTcpFlags(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.RST);
        r.setState(REJ);
    }

    /** A half-open probe of an open port: SYN, SYN-ACK, and the prober's RST instead of the final ACK. */
    static void tcpProbeOpen(FlowRecord r, int synBytes) {
        setCounters(r, 2, synBytes + RST_BYTES, 1, 44);
        r.setTcpFlags(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.RST);
        r.setState(RSTO);
    }

    /** UDP datagrams each way; bytes include the IP and UDP headers. */
    static void udp(FlowRecord r, long fwdPackets, long fwdBytes, long bwdPackets, long bwdBytes) {
        setCounters(r, fwdPackets, fwdBytes, bwdPackets, bwdBytes);
        r.setState(bwdPackets > 0 ? CON : INT);
    }

    /** ICMP echo requests (type 8) and their replies, each ipBytes long. */
    static void icmpEcho(FlowRecord r, int requests, int ipBytes, boolean replied) {
        setCounters(r, requests, (long) requests * ipBytes, replied ? requests : 0, replied ? (long) requests * ipBytes : 0);
        r.setIcmpType(8);
        r.setIcmpCode(0);
        r.setState(replied ? ECO : INT);
    }

    private static long segments(long segments, long payload) {
        // Never more payload per segment than fits one MTU-sized packet, never data without a segment.
        long needed = ceilDiv(payload, MSS);
        return Math.max(segments, needed);
    }

    private static void setCounters(FlowRecord r, long fwdPackets, long fwdBytes, long bwdPackets, long bwdBytes) {
        r.setSrcPackets(fwdPackets);
        r.setSrcBytes(fwdBytes);
        r.setDstPackets(bwdPackets);
        r.setDstBytes(bwdBytes);
    }
}
