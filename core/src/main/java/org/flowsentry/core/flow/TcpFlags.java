package org.flowsentry.core.flow;

/** TCP flag bits as in the TCP header (and in FlowRecord.tcpFlags). */
public final class TcpFlags {
    public static final int FIN = 1;
    public static final int SYN = 2;
    public static final int RST = 4;
    public static final int PSH = 8;
    public static final int ACK = 16;
    public static final int URG = 32;
    public static final int ECE = 64;
    public static final int CWR = 128;

    private TcpFlags() {}

    public static boolean has(Integer flags, int bit) {
        return flags != null && (flags & bit) != 0;
    }

    /** Flags as Wireshark and tcpdump print them, e.g. "SYN,ACK". */
    public static String toText(int flags) {
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                if (sb.length() > 0) sb.append(',');
                sb.append(names[i]);
            }
        }
        return sb.toString();
    }
}
