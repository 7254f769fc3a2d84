package org.flowsentry.core.ingest.packets;

import java.util.Locale;
import java.util.Map;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;

/**
 * Decodes one captured frame, from its link-layer header down to the TCP/UDP/ICMP header, into a
 * {@link Packet}. Link types: Ethernet (with 802.1Q/802.1ad VLAN tags), raw IP (101, 228, 229),
 * Linux cooked SLL (113) and SLL2 (276), BSD loopback (0, 108). IPv4 and IPv6; IPv6 extension
 * headers are walked to find the transport header.
 *
 * <p>A packet counts its IP total length (IPv6: payload length + 40), not the frame length, so
 * link-layer headers and Ethernet padding are not traffic; when the length field is 0 (TCP
 * segmentation offload, jumbograms) the captured IP bytes are counted.
 *
 * <p>Non-IP frames (ARP, LLDP, ...) and IP fragments after the first (they carry no ports, so
 * they cannot be given to their flow without reassembly) are counted with
 * {@link ReadErrors#skipped}. Headers cut short by the snap length or invalid are malformed.
 */
final class FrameDecoder {
    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ARPHRD_NETLINK = 824;
    private static final Map<Integer, String> NON_IP_ETHERTYPES = Map.ofEntries(
            Map.entry(0x0806, "ARP"), Map.entry(0x8035, "RARP"), Map.entry(0x88CC, "LLDP"),
            Map.entry(0x888E, "EAPOL"), Map.entry(0x8809, "LACP"), Map.entry(0x8847, "MPLS"),
            Map.entry(0x8848, "MPLS"), Map.entry(0x8863, "PPPoE"), Map.entry(0x8864, "PPPoE"),
            Map.entry(0x8137, "IPX"), Map.entry(0x88E5, "MACsec"), Map.entry(0x88F7, "PTP"),
            Map.entry(0x9000, "loopback"));

    private final ReadErrors errors;
    /** Bytes of the current frame the capture left out (original minus captured length). */
    private long uncaptured;

    FrameDecoder(ReadErrors errors) {
        this.errors = errors;
    }

    static boolean supports(int linkType) {
        return switch (linkType) {
            case LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LOOP, LINKTYPE_LINUX_SLL,
                    LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2 -> true;
            default -> false;
        };
    }

    static String supportedLinkTypes() {
        return "0 BSD loopback, 1 Ethernet, 101 raw IP, 108 OpenBSD loopback, 113 Linux SLL, 228 IPv4, 229 IPv6, 276 Linux SLL2";
    }

    /**
     * @param b buffer holding the frame's captured bytes at {@code off .. off+len}
     * @param originalLength the frame's length on the wire (at least len); an IP length beyond it is malformed
     * @return the packet, or null for a frame that is not a flow packet (counted as skipped)
     * @throws MalformedRowException when a header is cut short or invalid
     */
    Packet decode(int linkType, byte[] b, int off, int len, long originalLength, long timestampUs)
            throws MalformedRowException {
        uncaptured = Math.max(0, originalLength - len);
        return switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                need(len, 14, "Ethernet header");
                yield ethertype(u16(b, off + 12), b, off + 14, len - 14, timestampUs);
            }
            case LINKTYPE_LINUX_SLL -> {
                need(len, 16, "Linux SLL header");
                if (u16(b, off + 2) == ARPHRD_NETLINK) yield skip("netlink");
                yield ethertype(u16(b, off + 14), b, off + 16, len - 16, timestampUs);
            }
            case LINKTYPE_LINUX_SLL2 -> {
                need(len, 20, "Linux SLL2 header");
                if (u16(b, off + 8) == ARPHRD_NETLINK) yield skip("netlink");
                yield ethertype(u16(b, off), b, off + 20, len - 20, timestampUs);
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                need(len, 4, "loopback header");
                long family = u32(b, off);
                // DLT_NULL writes the family in the capturing host's byte order.
                if (linkType == LINKTYPE_NULL && family > 0xFFFF) family = Long.reverseBytes(family) >>> 32;
                if (family == 2) yield ipv4(b, off + 4, len - 4, timestampUs);
                if (family == 10 || family == 24 || family == 28 || family == 30) yield ipv6(b, off + 4, len - 4, timestampUs);
                yield skip("loopback family " + family);
            }
            case LINKTYPE_RAW -> rawIp(b, off, len, timestampUs);
            case LINKTYPE_IPV4 -> ipv4(b, off, len, timestampUs);
            case LINKTYPE_IPV6 -> ipv6(b, off, len, timestampUs);
            default -> throw new IllegalArgumentException("unsupported link type " + linkType);
        };
    }

    private Packet ethertype(int type, byte[] b, int off, int len, long ts) throws MalformedRowException {
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) { // VLAN tags, possibly stacked (QinQ)
            need(len, 4, "VLAN tag");
            type = u16(b, off + 2);
            off += 4;
            len -= 4;
        }
        if (type == ETHERTYPE_IPV4) return ipv4(b, off, len, ts);
        if (type == ETHERTYPE_IPV6) return ipv6(b, off, len, ts);
        if (type <= 1500) return skip("802.3 LLC"); // a length, not a type: 802.3 frame with LLC
        String name = NON_IP_ETHERTYPES.get(type);
        return skip(name != null ? name : String.format("ethertype 0x%04x", type));
    }

    private Packet rawIp(byte[] b, int off, int len, long ts) throws MalformedRowException {
        need(len, 1, "IP header");
        int version = (b[off] & 0xFF) >>> 4;
        if (version == 4) return ipv4(b, off, len, ts);
        if (version == 6) return ipv6(b, off, len, ts);
        throw new MalformedRowException("raw IP frame with IP version " + version);
    }

    private Packet ipv4(byte[] b, int off, int len, long ts) throws MalformedRowException {
        need(len, 20, "IPv4 header");
        int version = (b[off] & 0xFF) >>> 4;
        if (version != 4) throw new MalformedRowException("IP version " + version + " where IPv4 was announced");
        int headerLen = (b[off] & 0x0F) * 4;
        if (headerLen < 20) throw new MalformedRowException("IPv4 header length " + headerLen + " < 20");
        need(len, headerLen, "IPv4 header with options");
        int total = u16(b, off + 2);
        if (total != 0 && total < headerLen) {
            throw new MalformedRowException("IPv4 total length " + total + " shorter than its header (" + headerLen + ")");
        }
        checkLength("IPv4 total length", total, len);
        if ((u16(b, off + 6) & 0x1FFF) != 0) return skip(null);
        int end = total == 0 ? len : Math.min(len, total); // beyond total length is Ethernet padding
        return transport(ts, ipv4Text(b, off + 12), ipv4Text(b, off + 16), b[off + 9] & 0xFF,
                total == 0 ? len : total, b, off + headerLen, end - headerLen);
    }

    private Packet ipv6(byte[] b, int off, int len, long ts) throws MalformedRowException {
        need(len, 40, "IPv6 header");
        int version = (b[off] & 0xFF) >>> 4;
        if (version != 6) throw new MalformedRowException("IP version " + version + " where IPv6 was announced");
        int payload = u16(b, off + 4);
        checkLength("IPv6 length", payload == 0 ? 0 : 40L + payload, len);
        int end = payload == 0 ? len : Math.min(len, 40 + payload);
        int next = b[off + 6] & 0xFF;
        int pos = 40;
        while (isExtensionHeader(next)) {
            need(end - pos, 8, "IPv6 extension header");
            int headerLen;
            if (next == 44) { // fragment header: only the first fragment has the transport header
                if ((u16(b, off + pos + 2) >>> 3) != 0) return skip(null);
                headerLen = 8;
            } else if (next == 51) {
                headerLen = ((b[off + pos + 1] & 0xFF) + 2) * 4; // AH counts 4-byte units
            } else {
                headerLen = ((b[off + pos + 1] & 0xFF) + 1) * 8;
            }
            next = b[off + pos] & 0xFF;
            pos += headerLen;
            if (pos > end) throw new MalformedRowException("truncated IPv6 extension header: " + (end - pos + headerLen)
                    + " bytes captured, need " + headerLen);
        }
        return transport(ts, ipv6Text(b, off + 8), ipv6Text(b, off + 24), next,
                payload == 0 ? len : 40L + payload, b, off + pos, end - pos);
    }

    /** An IP length longer than the frame was on the wire is garbage (Wireshark flags it too). */
    private void checkLength(String what, long ipLength, int captured) throws MalformedRowException {
        if (ipLength > captured + uncaptured) {
            throw new MalformedRowException(what + " " + ipLength + " exceeds the frame's " + (captured + uncaptured)
                    + " bytes of IP data");
        }
    }

    private static boolean isExtensionHeader(int next) {
        // hop-by-hop, routing, destination options, fragment, AH, mobility, HIP, shim6
        return next == 0 || next == 43 || next == 60 || next == 44 || next == 51 || next == 135 || next == 139 || next == 140;
    }

    private static Packet transport(long ts, String src, String dst, int protocol, long length, byte[] b, int off, int len)
            throws MalformedRowException {
        switch (protocol) {
            case Protocols.TCP:
                need(len, 14, "TCP header"); // ports and flags
                return Packet.tcp(ts, src, u16(b, off), dst, u16(b, off + 2), length, b[off + 13] & 0xFF);
            case Protocols.UDP, Protocols.SCTP, 136: // UDP-Lite; all three start with the two ports
                need(len, 4, Protocols.name(protocol).toUpperCase(Locale.ROOT) + " header");
                return new Packet(ts, src, dst, u16(b, off), u16(b, off + 2), protocol, length, 0, Packet.NONE, Packet.NONE, null);
            case Protocols.ICMP, Protocols.ICMPV6:
                need(len, 2, Protocols.name(protocol).toUpperCase(Locale.ROOT) + " header");
                return Packet.icmp(ts, protocol, src, dst, length, b[off] & 0xFF, b[off + 1] & 0xFF);
            default:
                return new Packet(ts, src, dst, Packet.NONE, Packet.NONE, protocol, length, 0, Packet.NONE, Packet.NONE, null);
        }
    }

    /** Counts a frame that is not a flow packet; null kind means an IP fragment after the first. */
    private Packet skip(String nonIpKind) {
        errors.skipped(nonIpKind == null ? "IP fragment after the first (no ports)" : "non-IP packet (" + nonIpKind + ")");
        return null;
    }

    private static void need(int available, int needed, String what) throws MalformedRowException {
        if (available < needed) {
            throw new MalformedRowException("truncated " + what + ": " + Math.max(available, 0)
                    + " bytes captured, need " + needed);
        }
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long u32(byte[] b, int off) {
        return ((long) u16(b, off) << 16) | u16(b, off + 2);
    }

    static String ipv4Text(byte[] b, int off) {
        return (b[off] & 0xFF) + "." + (b[off + 1] & 0xFF) + "." + (b[off + 2] & 0xFF) + "." + (b[off + 3] & 0xFF);
    }

    /** RFC 5952 text: lower case, leading zeros dropped, the longest run of zero groups as "::". */
    static String ipv6Text(byte[] b, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = u16(b, off + 2 * i);
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
