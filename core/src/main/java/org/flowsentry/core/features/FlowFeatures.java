package org.flowsentry.core.features;

import java.util.List;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;

/**
 * Features of one flow on its own. Counters are log-scaled here (traffic is heavy-tailed), so
 * the scaler only centres and scales them. Every value is finite for every valid record.
 */
public final class FlowFeatures {
    public static final List<String> NAMES = List.of(
            "log_src_bytes", "log_dst_bytes", "log_src_packets", "log_dst_packets",
            "log_duration_ms", "log_bytes_per_s", "log_packets_per_s",
            "log_src_bytes_per_packet", "log_dst_bytes_per_packet",
            "src_byte_share", "src_packet_share", "no_reply",
            "tcp_syn", "tcp_ack", "tcp_fin", "tcp_rst", "tcp_psh", "tcp_urg",
            "proto_tcp", "proto_udp", "proto_icmp", "proto_other",
            "dst_port_well_known", "dst_port_registered", "dst_port_ephemeral",
            "src_port_well_known", "src_port_registered", "src_port_ephemeral");

    public static final int WIDTH = NAMES.size();

    private FlowFeatures() {}

    /** Writes the {@link #WIDTH} per-flow features of r into out, starting at offset. */
    public static void compute(FlowRecord r, double[] out, int offset) {
        long srcBytes = r.getSrcBytes();
        long dstBytes = r.getDstBytes();
        long srcPackets = r.getSrcPackets();
        long dstPackets = r.getDstPackets();
        long bytes = srcBytes + dstBytes;
        long packets = srcPackets + dstPackets;
        // Rates over at least 1 ms, so that single-packet flows do not divide by zero.
        double seconds = Math.max(r.getDurationUs(), 1000L) / 1e6;
        Integer flags = r.getTcpFlags();
        int protocol = r.getProtocol();
        int i = offset;
        out[i++] = StrictMath.log1p(srcBytes);
        out[i++] = StrictMath.log1p(dstBytes);
        out[i++] = StrictMath.log1p(srcPackets);
        out[i++] = StrictMath.log1p(dstPackets);
        out[i++] = StrictMath.log1p(r.getDurationUs() / 1000.0);
        out[i++] = StrictMath.log1p(bytes / seconds);
        out[i++] = StrictMath.log1p(packets / seconds);
        out[i++] = StrictMath.log1p(srcPackets > 0 ? (double) srcBytes / srcPackets : 0.0);
        out[i++] = StrictMath.log1p(dstPackets > 0 ? (double) dstBytes / dstPackets : 0.0);
        out[i++] = bytes > 0 ? (double) srcBytes / bytes : 0.0;
        out[i++] = packets > 0 ? (double) srcPackets / packets : 0.0;
        out[i++] = noReply(r) ? 1.0 : 0.0;
        out[i++] = bit(flags, TcpFlags.SYN);
        out[i++] = bit(flags, TcpFlags.ACK);
        out[i++] = bit(flags, TcpFlags.FIN);
        out[i++] = bit(flags, TcpFlags.RST);
        out[i++] = bit(flags, TcpFlags.PSH);
        out[i++] = bit(flags, TcpFlags.URG);
        out[i++] = protocol == Protocols.TCP ? 1.0 : 0.0;
        out[i++] = protocol == Protocols.UDP ? 1.0 : 0.0;
        out[i++] = protocol == Protocols.ICMP || protocol == Protocols.ICMPV6 ? 1.0 : 0.0;
        out[i++] = protocol != Protocols.TCP && protocol != Protocols.UDP
                && protocol != Protocols.ICMP && protocol != Protocols.ICMPV6 ? 1.0 : 0.0;
        i = portClass(r.getDstPort(), out, i);
        portClass(r.getSrcPort(), out, i);
    }

    /** The responder sent nothing back: scans, floods and dead services look like this. */
    public static boolean noReply(FlowRecord r) {
        return r.getDstPackets() == 0 && r.getDstBytes() == 0;
    }

    /**
     * A connection attempt that failed or was left half-open: a TCP flow that was reset or saw a
     * SYN without an ACK; in bidirectional records also a TCP or UDP flow that got no reply. A
     * one-way record (oneWay) never carries the reply, so there only the TCP flags tell: every
     * TCP and UDP record would count as failed otherwise.
     */
    public static boolean failed(FlowRecord r, boolean oneWay) {
        int protocol = r.getProtocol();
        boolean unanswered = !oneWay && noReply(r);
        if (protocol == Protocols.TCP) {
            Integer f = r.getTcpFlags();
            return unanswered || TcpFlags.has(f, TcpFlags.RST)
                    || (TcpFlags.has(f, TcpFlags.SYN) && !TcpFlags.has(f, TcpFlags.ACK));
        }
        return protocol == Protocols.UDP && unanswered;
    }

    private static double bit(Integer flags, int bit) {
        return TcpFlags.has(flags, bit) ? 1.0 : 0.0;
    }

    /** One-hot well-known (< 1024) / registered (< 49152) / ephemeral; all zero without a port. */
    private static int portClass(Integer port, double[] out, int i) {
        out[i] = port != null && port < 1024 ? 1.0 : 0.0;
        out[i + 1] = port != null && port >= 1024 && port < 49152 ? 1.0 : 0.0;
        out[i + 2] = port != null && port >= 49152 ? 1.0 : 0.0;
        return i + 3;
    }
}
