package org.flowsentry.core.ingest.packets;

import org.flowsentry.core.flow.Protocols;

/**
 * One IP packet as the {@link FlowMeter} needs it, decoded from a capture (pcap) or a packet list
 * (Wireshark CSV).
 *
 * @param timestampUs capture time, microseconds since the epoch (or since the capture's start when
 *     the source only has relative times)
 * @param srcAddr sender's IP address as text
 * @param dstAddr receiver's IP address as text
 * @param srcPort sender's port, or {@link #NONE} for protocols without ports (or unknown ports)
 * @param dstPort receiver's port, or {@link #NONE}
 * @param protocol IANA protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...)
 * @param length bytes this packet adds to its flow: the IP total length when the source has it,
 *     otherwise the frame length (each source documents which)
 * @param tcpFlags TCP flag bits of this packet ({@link org.flowsentry.core.flow.TcpFlags}), 0 when
 *     none or not TCP
 * @param icmpType ICMP/ICMPv6 type, or {@link #NONE}
 * @param icmpCode ICMP/ICMPv6 code, or {@link #NONE}
 * @param service application protocol named by the source (Wireshark's Protocol column), or null
 */
public record Packet(long timestampUs, String srcAddr, String dstAddr, int srcPort, int dstPort, int protocol,
        long length, int tcpFlags, int icmpType, int icmpCode, String service) {

    /** Marks an absent port or ICMP field. */
    public static final int NONE = -1;

    public Packet {
        if (srcAddr == null || dstAddr == null) throw new IllegalArgumentException("addresses are required");
        if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("protocol out of range: " + protocol);
        if (length < 0) throw new IllegalArgumentException("negative length: " + length);
        if (srcPort < NONE || srcPort > 65535 || dstPort < NONE || dstPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + srcPort + " -> " + dstPort);
        }
    }

    /** A TCP segment. */
    public static Packet tcp(long timestampUs, String src, int srcPort, String dst, int dstPort, long length, int flags) {
        return new Packet(timestampUs, src, dst, srcPort, dstPort, Protocols.TCP, length, flags, NONE, NONE, null);
    }

    /** A UDP datagram. */
    public static Packet udp(long timestampUs, String src, int srcPort, String dst, int dstPort, long length) {
        return new Packet(timestampUs, src, dst, srcPort, dstPort, Protocols.UDP, length, 0, NONE, NONE, null);
    }

    /** An ICMP (protocol 1) or ICMPv6 (58) message. */
    public static Packet icmp(long timestampUs, int protocol, String src, String dst, long length, int type, int code) {
        return new Packet(timestampUs, src, dst, NONE, NONE, protocol, length, 0, type, code, null);
    }

    /** The same packet with the application protocol the source named. */
    public Packet withService(String name) {
        return new Packet(timestampUs, srcAddr, dstAddr, srcPort, dstPort, protocol, length, tcpFlags, icmpType,
                icmpCode, name);
    }
}
