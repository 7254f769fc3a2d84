package org.flowsentry.core.ingest.packets;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;

/**
 * What Wireshark's Protocol and Info columns say about a packet: its transport protocol, ports,
 * TCP flags and ICMP type/code. Info texts differ between Wireshark versions ("52134 → 80" since
 * 1.12, "52134 &gt; 80" before; UDP as "Source port: 5353  Destination port: 5353" in old
 * versions); both forms are read.
 */
final class WiresharkInfo {
    private WiresharkInfo() {}

    /** Transport of a row whose Protocol column names an application protocol (Info does not show it). */
    private static final Map<String, Integer> APPLICATION_TRANSPORT = Map.ofEntries(
            // over TCP
            Map.entry("HTTP", Protocols.TCP), Map.entry("HTTP2", Protocols.TCP), Map.entry("TLS", Protocols.TCP),
            Map.entry("SSL", Protocols.TCP), Map.entry("SSH", Protocols.TCP), Map.entry("FTP", Protocols.TCP),
            Map.entry("FTP-DATA", Protocols.TCP), Map.entry("SMTP", Protocols.TCP), Map.entry("IMAP", Protocols.TCP),
            Map.entry("POP", Protocols.TCP), Map.entry("TELNET", Protocols.TCP), Map.entry("BGP", Protocols.TCP),
            Map.entry("SMB", Protocols.TCP), Map.entry("SMB2", Protocols.TCP), Map.entry("NBSS", Protocols.TCP),
            Map.entry("RDP", Protocols.TCP), Map.entry("TDS", Protocols.TCP), Map.entry("MYSQL", Protocols.TCP),
            Map.entry("PGSQL", Protocols.TCP), Map.entry("IRC", Protocols.TCP), Map.entry("XMPP", Protocols.TCP),
            Map.entry("LDAP", Protocols.TCP), Map.entry("DCERPC", Protocols.TCP), Map.entry("VNC", Protocols.TCP),
            Map.entry("MQTT", Protocols.TCP), Map.entry("AMQP", Protocols.TCP), Map.entry("RTSP", Protocols.TCP),
            Map.entry("SOCKS", Protocols.TCP), Map.entry("WEBSOCKET", Protocols.TCP), Map.entry("X11", Protocols.TCP),
            // over UDP
            Map.entry("DNS", Protocols.UDP), Map.entry("MDNS", Protocols.UDP), Map.entry("LLMNR", Protocols.UDP),
            Map.entry("NBNS", Protocols.UDP), Map.entry("BROWSER", Protocols.UDP), Map.entry("QUIC", Protocols.UDP),
            Map.entry("GQUIC", Protocols.UDP), Map.entry("NTP", Protocols.UDP), Map.entry("DHCP", Protocols.UDP),
            Map.entry("BOOTP", Protocols.UDP), Map.entry("SSDP", Protocols.UDP), Map.entry("SNMP", Protocols.UDP),
            Map.entry("TFTP", Protocols.UDP), Map.entry("SYSLOG", Protocols.UDP), Map.entry("RTP", Protocols.UDP),
            Map.entry("RTCP", Protocols.UDP), Map.entry("STUN", Protocols.UDP), Map.entry("CLDAP", Protocols.UDP),
            Map.entry("SIP", Protocols.UDP), Map.entry("ISAKMP", Protocols.UDP), Map.entry("RIP", Protocols.UDP),
            Map.entry("RIPNG", Protocols.UDP), Map.entry("HSRP", Protocols.UDP), Map.entry("RADIUS", Protocols.UDP),
            Map.entry("WG", Protocols.UDP), Map.entry("COAP", Protocols.UDP), Map.entry("DB-LSP-DISC", Protocols.UDP),
            // IP protocols Wireshark names with a version
            Map.entry("IGMP", Protocols.IGMP), Map.entry("PIM", 103), Map.entry("OSPF", 89), Map.entry("VRRP", 112),
            Map.entry("AH", 51));

    /** Protocol column values of frames that are not IP. */
    private static final Set<String> NON_IP = Set.of("ARP", "RARP", "LLDP", "STP", "RSTP", "MSTP", "CDP", "LLC",
            "EAPOL", "LACP", "LOOP", "DTP", "VTP", "PPPOED", "IPX", "NBIPX", "802.11", "PVST+", "ECTP", "SLOW");

    private static final Map<String, Integer> FLAG_BITS = Map.of("FIN", TcpFlags.FIN, "SYN", TcpFlags.SYN,
            "RST", TcpFlags.RST, "PSH", TcpFlags.PSH, "ACK", TcpFlags.ACK, "URG", TcpFlags.URG,
            "ECE", TcpFlags.ECE, "CWR", TcpFlags.CWR, "NS", 0, "AE", 0);

    /** Ports at the start of Info, after any "[TCP Retransmission]"-style notes: "52134 → 80" or "52134 > 80". */
    private static final Pattern ARROW_PORTS =
            Pattern.compile("^(?:\\[[^\\]]*\\]\\s*)*(\\d{1,5})\\s*(?:→|>)\\s*(\\d{1,5})(?!\\d)");
    private static final Pattern OLD_UDP_PORTS =
            Pattern.compile("Source port: (\\d{1,5})\\s+Destination port: (\\d{1,5})(?!\\d)");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("(?:V\\d+(?:\\.\\d+)*|/.*)$");

    /** Transport protocol, or -1 when the Protocol column names none we know. */
    static int transport(String protocolColumn, String info) {
        String p = protocolColumn.strip().toUpperCase(Locale.ROOT);
        if (p.equals("IPV4") || p.equals("IPV6")) return -1; // IP itself names no transport
        int direct = Protocols.number(p);
        if (direct != Protocols.UNKNOWN) return direct; // TCP, UDP, ICMP, ICMPv6, GRE, ESP, SCTP, ...
        // An application protocol: a TCP row shows Seq= or flags; otherwise the table decides.
        if (info.contains("Seq=") || tcpFlags(info) != 0) return Protocols.TCP;
        String base = VERSION_SUFFIX.matcher(p).replaceFirst(""); // TLSv1.2 -> TLS, SSHv2 -> SSH, HTTP/JSON -> HTTP
        Integer t = APPLICATION_TRANSPORT.get(base);
        if (t == null) t = APPLICATION_TRANSPORT.get(p);
        if (t != null) return t;
        if (ports(info) != null) return Protocols.UDP; // "52134 → 53 Len=40" without Seq= is UDP
        return -1;
    }

    /** True for the Protocol column of a frame that is not IP (ARP, LLDP, STP, ...). */
    static boolean isNonIp(String protocolColumn) {
        return NON_IP.contains(protocolColumn.strip().toUpperCase(Locale.ROOT));
    }

    /** True when the Protocol column names the transport itself, so Info starts with the ports. */
    static boolean isTransportRow(String protocolColumn) {
        String p = protocolColumn.strip().toUpperCase(Locale.ROOT);
        return p.equals("TCP") || p.equals("UDP") || p.equals("UDPLITE") || p.equals("SCTP");
    }

    /** Source and destination port from Info, or null when it shows none. */
    static int[] ports(String info) {
        Matcher m = ARROW_PORTS.matcher(info);
        if (!m.find()) {
            m = OLD_UDP_PORTS.matcher(info);
            if (!m.find()) return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** TCP flags from the first bracket that lists only flag names ("[SYN, ACK]"); 0 when none. */
    static int tcpFlags(String info) {
        int from = 0;
        while (true) {
            int open = info.indexOf('[', from);
            if (open < 0) return 0;
            int close = info.indexOf(']', open);
            if (close < 0) return 0;
            int flags = 0;
            boolean allFlags = true;
            for (String name : info.substring(open + 1, close).split(",")) {
                Integer bit = FLAG_BITS.get(name.strip());
                if (bit == null) {
                    allFlags = false;
                    break;
                }
                flags |= bit;
            }
            if (allFlags && close > open + 1) return flags;
            from = close + 1;
        }
    }

    /** One ICMP message kind as Wireshark's Info starts it. */
    private record Icmp(String prefix, int type, int code) {}

    private static final Icmp[] ICMP4 = {
        new Icmp("Echo (ping) request", 8, 0), new Icmp("Echo (ping) reply", 0, 0),
        new Icmp("Destination unreachable (Network unreachable)", 3, 0),
        new Icmp("Destination unreachable (Host unreachable)", 3, 1),
        new Icmp("Destination unreachable (Protocol unreachable)", 3, 2),
        new Icmp("Destination unreachable (Port unreachable)", 3, 3),
        new Icmp("Destination unreachable (Fragmentation needed)", 3, 4),
        new Icmp("Destination unreachable (Communication administratively filtered)", 3, 13),
        new Icmp("Destination unreachable", 3, Packet.NONE),
        new Icmp("Time-to-live exceeded (Time to live exceeded in transit)", 11, 0),
        new Icmp("Time-to-live exceeded (Fragment reassembly time exceeded)", 11, 1),
        new Icmp("Time-to-live exceeded", 11, Packet.NONE), new Icmp("Redirect", 5, Packet.NONE),
        new Icmp("Source quench", 4, 0), new Icmp("Timestamp request", 13, 0), new Icmp("Timestamp reply", 14, 0),
        new Icmp("Router advertisement", 9, 0), new Icmp("Router solicitation", 10, 0),
    };

    private static final Icmp[] ICMP6 = {
        new Icmp("Echo (ping) request", 128, 0), new Icmp("Echo (ping) reply", 129, 0),
        new Icmp("Destination Unreachable (no route to destination)", 1, 0),
        new Icmp("Destination Unreachable (Administratively prohibited)", 1, 1),
        new Icmp("Destination Unreachable (Address unreachable)", 1, 3),
        new Icmp("Destination Unreachable (Port unreachable)", 1, 4),
        new Icmp("Destination Unreachable", 1, Packet.NONE), new Icmp("Packet Too Big", 2, 0),
        new Icmp("Time Exceeded", 3, Packet.NONE), new Icmp("Router Solicitation", 133, 0),
        new Icmp("Router Advertisement", 134, 0), new Icmp("Neighbor Solicitation", 135, 0),
        new Icmp("Neighbor Advertisement", 136, 0), new Icmp("Redirect", 137, 0),
        new Icmp("Multicast Listener Report Message v2", 143, 0),
    };

    /** ICMP or ICMPv6 type and code named by Info, {NONE, NONE} when not in the table. */
    static int[] icmp(int protocol, String info) {
        for (Icmp i : protocol == Protocols.ICMPV6 ? ICMP6 : ICMP4) {
            if (info.regionMatches(true, 0, i.prefix(), 0, i.prefix().length())) return new int[] {i.type(), i.code()};
        }
        return new int[] {Packet.NONE, Packet.NONE};
    }
}
