package org.flowsentry.core.flow;

import java.util.Locale;
import java.util.Map;

/** IANA protocol numbers and the names datasets and exporters use for them. */
public final class Protocols {
    public static final int UNKNOWN = -1;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("icmp", ICMP), Map.entry("igmp", IGMP), Map.entry("tcp", TCP),
            Map.entry("udp", UDP), Map.entry("gre", GRE), Map.entry("esp", ESP),
            Map.entry("ah", 51), Map.entry("ipv6-icmp", ICMPV6), Map.entry("icmp6", ICMPV6),
            Map.entry("icmpv6", ICMPV6), Map.entry("sctp", SCTP), Map.entry("ipv6", 41),
            Map.entry("ipnip", 4), Map.entry("ipip", 4), Map.entry("ospf", 89), Map.entry("pim", 103),
            Map.entry("rsvp", 46), Map.entry("vrrp", 112), Map.entry("l2tp", 115), Map.entry("udplite", 136),
            Map.entry("egp", 8), Map.entry("igp", 9), Map.entry("ipx-n-ip", 111), Map.entry("hopopt", 0));

    private Protocols() {}

    /**
     * The protocol number for a name ("tcp", "TCP", "ipv6-icmp") or a number in text ("6").
     * Non-IP names (arp, llc, man, ...) and names no registry knows give {@link #UNKNOWN}.
     */
    public static int number(String nameOrNumber) {
        if (nameOrNumber == null) return UNKNOWN;
        String s = nameOrNumber.trim();
        if (s.isEmpty()) return UNKNOWN;
        if (Character.isDigit(s.charAt(0))) {
            try {
                int n = Integer.parseInt(s);
                return n >= 0 && n <= 255 ? n : UNKNOWN;
            } catch (NumberFormatException e) {
                return UNKNOWN;
            }
        }
        return BY_NAME.getOrDefault(s.toLowerCase(Locale.ROOT), UNKNOWN);
    }

    /** A short lower-case name for display: "tcp", "udp", "icmp", or the number. */
    public static String name(int protocol) {
        return switch (protocol) {
            case ICMP -> "icmp";
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMPV6 -> "icmpv6";
            case GRE -> "gre";
            case ESP -> "esp";
            case SCTP -> "sctp";
            case IGMP -> "igmp";
            case UNKNOWN -> "non-ip";
            default -> Integer.toString(protocol);
        };
    }

    /** True for protocols whose flows carry ports. */
    public static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP || protocol == SCTP || protocol == 136;
    }
}
