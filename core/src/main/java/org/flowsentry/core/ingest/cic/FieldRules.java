package org.flowsentry.core.ingest.cic;

import java.util.Arrays;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.csv.CsvHeader;

/** Small rules the CSV formats of this package share. */
final class FieldRules {
    private FieldRules() {}

    /** The header of a comma-separated sample (its first non-blank line), for detection. */
    static CsvHeader header(FileSample sample) {
        return new CsvHeader(Arrays.asList(sample.firstLine().split(",", -1)));
    }

    /** A port only for protocols that have ports (or when the protocol is unknown): datasets write 0 otherwise. */
    static Integer port(Integer port, int protocol) {
        return protocol == Protocols.UNKNOWN || Protocols.hasPorts(protocol) ? port : null;
    }

    /** A TCP flags bitmask only for TCP flows (or when the protocol is unknown). */
    static Integer tcpFlags(int flags, int protocol) {
        return protocol == Protocols.TCP || protocol == Protocols.UNKNOWN ? flags : null;
    }

    static boolean isIcmp(int protocol) {
        return protocol == Protocols.ICMP || protocol == Protocols.ICMPV6;
    }

    /** True for a non-empty run of ASCII digits, e.g. an integer code where an address should be. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
