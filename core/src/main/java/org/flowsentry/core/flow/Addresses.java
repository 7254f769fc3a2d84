package org.flowsentry.core.flow;

/** Text checks for the addresses a FlowRecord may carry, without any name lookup. */
public final class Addresses {
    private Addresses() {}

    public static boolean isIpv4(String s) {
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) != '.') {
                char c = s.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) return false;
                value = value * 10 + (c - '0');
                i++;
            }
            if (i == start || value > 255) return false;
            parts++;
            i++; // skip the dot (or step past the end)
        }
        return parts == 4;
    }

    /** IPv6 text form (RFC 4291 section 2.2), including an embedded IPv4 tail and a %zone. */
    public static boolean isIpv6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone == s.length() - 1) return false;
            s = s.substring(0, zone);
        }
        if (s.length() < 2 || s.indexOf(':') < 0) return false;
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) return false;
        String[] groups = s.split(":", -1);
        int count = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (group.isEmpty()) continue; // part of "::" (validated above) or a leading/trailing one
            if (g == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) return false;
                count += 2;
                continue;
            }
            if (group.length() > 4) return false;
            for (int i = 0; i < group.length(); i++) {
                if (Character.digit(group.charAt(i), 16) < 0) return false;
            }
            count++;
        }
        if (doubleColon < 0) {
            if (s.startsWith(":") || s.endsWith(":")) return false;
            return count == 8;
        }
        if (s.startsWith(":") && doubleColon != 0) return false;
        if (s.endsWith(":") && doubleColon != s.length() - 2) return false;
        return count <= 7;
    }

    /** A MAC address as Argus prints it for non-IP flows, e.g. "00:1a:2b:3c:4d:5e". */
    public static boolean isMac(String s) {
        if (s.length() != 17) return false;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (i % 3 == 2) {
                if (c != ':' && c != '-') return false;
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }
}
