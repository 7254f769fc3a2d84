package org.flowsentry.core.generate;

/** IPv4 addresses as ints, their dotted text, and random Internet (publicly routable) addresses. */
final class Ipv4 {
    private Ipv4() {}

    static int of(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** Dotted-quad text without String.format (called for every spoofed or scanned address). */
    static String text(int address) {
        char[] buf = new char[15];
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (address >>> shift) & 0xFF;
            if (octet >= 100) buf[n++] = (char) ('0' + octet / 100);
            if (octet >= 10) buf[n++] = (char) ('0' + octet / 10 % 10);
            buf[n++] = (char) ('0' + octet % 10);
            if (shift > 0) buf[n++] = '.';
        }
        return new String(buf, 0, n);
    }

    /**
     * True for a globally routable unicast address: not private (RFC 1918), shared (RFC 6598),
     * loopback, link-local, documentation, benchmarking, multicast or reserved.
     */
    static boolean isPublic(int address) {
        int a = address >>> 24;
        int b = (address >>> 16) & 0xFF;
        int c = (address >>> 8) & 0xFF;
        if (a == 0 || a == 10 || a == 127 || a >= 224) return false;
        if (a == 100 && b >= 64 && b < 128) return false;
        if (a == 169 && b == 254) return false;
        if (a == 172 && b >= 16 && b < 32) return false;
        if (a == 192 && (b == 168 || (b == 0 && (c == 0 || c == 2)))) return false;
        if (a == 198 && (b == 18 || b == 19 || (b == 51 && c == 100))) return false;
        if (a == 203 && b == 0 && c == 113) return false;
        // Host part .0 and .255 look like network/broadcast addresses to a reader: avoid them.
        int d = address & 0xFF;
        return d != 0 && d != 255;
    }

    /** A random publicly routable address. */
    static int randomPublic(Rand rand) {
        while (true) {
            int address = rand.nextInt();
            if (isPublic(address)) return address;
        }
    }
}
