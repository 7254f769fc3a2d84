package org.flowsentry.core.ingest.cic;

import java.io.IOException;
import java.util.List;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.CsvRow;
import org.flowsentry.core.ingest.csv.RowMapper;
import org.flowsentry.schema.FlowRecord;

/**
 * nProbe CSV with NetFlow v9 field names, as in the NF-UNSW-NB15, NF-ToN-IoT, NF-BoT-IoT and
 * NF-CSE-CIC-IDS2018 datasets (University of Queensland), in all three releases: v1 (12 fields +
 * Label, Attack), v2 (+ CLIENT/SERVER_TCP_FLAGS, DURATION_IN/OUT, TTLs, packet-size bins, ICMP,
 * DNS, FTP) and v3 (+ FLOW_START/END_MILLISECONDS, inter-arrival times).
 *
 * <p>Mapping: IN_* is client to server, so src; FLOW_DURATION_MILLISECONDS becomes
 * {@code durationUs}; TCP_FLAGS (client and server ORed) is {@code tcpFlags} for TCP flows;
 * ICMP_TYPE (type * 256 + code) gives icmpType/icmpCode for ICMP flows; L7_PROTO, nDPI's
 * protocol id ("7.178" = master.app), is categorical, so it becomes {@code service} as text
 * (a trailing ".0" removed), not a number; every other numeric column is a feature under its own
 * name. Label 0 is BENIGN; otherwise the label and attack category are the Attack column.
 * v1 and v2 carry no timestamps.
 */
public final class NprobeFormat implements CsvFlowFormat {
    public static final NprobeFormat INSTANCE = new NprobeFormat();

    private static final String[] REQUIRED = {"IPV4_SRC_ADDR", "L4_SRC_PORT", "IPV4_DST_ADDR", "L4_DST_PORT",
        "PROTOCOL", "IN_BYTES", "OUT_BYTES", "IN_PKTS", "OUT_PKTS"};

    private NprobeFormat() {}

    @Override
    public String id() {
        return "nprobe";
    }

    @Override
    public String description() {
        return "nProbe NetFlow v9 CSV (NF-UNSW-NB15, NF-ToN-IoT, NF-BoT-IoT, NF-CSE-CIC-IDS2018; v1-v3)";
    }

    @Override
    public boolean matches(FileSample sample) {
        return FieldRules.header(sample).hasAll(REQUIRED);
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.withHeader(',');
    }

    @Override
    public RowMapper mapper(CsvHeader header, String source, ReadErrors errors) throws IOException {
        return new Mapper(header);
    }

    /** Resolves the columns once per input. */
    private static final class Mapper implements RowMapper {
        private final int srcAddr;
        private final int dstAddr;
        private final int srcAddr6;
        private final int dstAddr6;
        private final int srcPort;
        private final int dstPort;
        private final int protocol;
        private final int inBytes;
        private final int outBytes;
        private final int inPackets;
        private final int outPackets;
        private final int tcpFlags;
        private final int durationMs;
        private final int startMs;
        private final int endMs;
        private final int icmpType;
        private final int l7Proto;
        private final int label;
        private final int attack;
        private final FeatureColumns features;

        Mapper(CsvHeader h) throws IOException {
            srcAddr = h.require("IPV4_SRC_ADDR");
            dstAddr = h.require("IPV4_DST_ADDR");
            srcAddr6 = h.find("IPV6_SRC_ADDR");
            dstAddr6 = h.find("IPV6_DST_ADDR");
            srcPort = h.require("L4_SRC_PORT");
            dstPort = h.require("L4_DST_PORT");
            protocol = h.require("PROTOCOL");
            inBytes = h.require("IN_BYTES");
            outBytes = h.require("OUT_BYTES");
            inPackets = h.require("IN_PKTS");
            outPackets = h.require("OUT_PKTS");
            tcpFlags = h.find("TCP_FLAGS");
            durationMs = h.find("FLOW_DURATION_MILLISECONDS");
            startMs = h.find("FLOW_START_MILLISECONDS");
            endMs = h.find("FLOW_END_MILLISECONDS");
            icmpType = h.find("ICMP_TYPE");
            l7Proto = h.find("L7_PROTO");
            label = h.find("Label");
            attack = h.find("Attack");
            features = new FeatureColumns(h, List.of(srcAddr, dstAddr, srcAddr6, dstAddr6, srcPort, dstPort, protocol,
                    inBytes, outBytes, inPackets, outPackets, tcpFlags, durationMs, startMs, endMs, icmpType, l7Proto,
                    label, attack), name -> name);
        }

        @Override
        public FlowRecord map(CsvRow row) throws MalformedRowException {
            FlowRecord r = FlowRecords.blank();
            Integer proto = row.optionalInt(protocol);
            int p = proto == null ? Protocols.UNKNOWN : proto;
            r.setProtocol(p);
            r.setSrcAddr(address(row, srcAddr, srcAddr6));
            r.setDstAddr(address(row, dstAddr, dstAddr6));
            r.setSrcPort(FieldRules.port(row.optionalInt(srcPort), p));
            r.setDstPort(FieldRules.port(row.optionalInt(dstPort), p));
            r.setSrcBytes(row.longValue(inBytes));
            r.setDstBytes(row.longValue(outBytes));
            r.setSrcPackets(row.longValue(inPackets));
            r.setDstPackets(row.longValue(outPackets));

            long start = row.longValue(startMs, Long.MIN_VALUE);
            long end = row.longValue(endMs, Long.MIN_VALUE);
            long millis = row.longValue(durationMs, Long.MIN_VALUE);
            if (millis == Long.MIN_VALUE) millis = start != Long.MIN_VALUE && end != Long.MIN_VALUE ? end - start : 0;
            r.setDurationUs(millis * 1000);
            if (start != Long.MIN_VALUE) {
                r.setStartMs(start);
                r.setEndMs(end != Long.MIN_VALUE ? end : start + millis);
            }

            Integer flags = row.optionalInt(tcpFlags);
            if (flags != null) r.setTcpFlags(FieldRules.tcpFlags(flags, p));
            Integer icmp = row.optionalInt(icmpType);
            if (icmp != null && icmp >= 0 && FieldRules.isIcmp(p)) {
                r.setIcmpType(icmp / 256); // nProbe's ICMP_TYPE is type * 256 + code
                r.setIcmpCode(icmp % 256);
            }
            r.setService(l7(row.optionalText(l7Proto)));

            r.setFeatures(features.read(row));
            setTruth(r, row);
            return r;
        }

        /** Label 0 is benign; otherwise the Attack column names the attack (label "1" when it is missing). */
        private void setTruth(FlowRecord r, CsvRow row) throws MalformedRowException {
            String name = row.optionalText(attack);
            boolean benign;
            if (row.optionalText(label) != null) {
                benign = row.longValue(label) == 0;
            } else if (name != null) {
                benign = name.equalsIgnoreCase("benign");
            } else {
                return; // no ground truth in this file
            }
            if (benign) {
                r.setLabel(Labels.BENIGN);
            } else {
                r.setLabel(name != null ? name : row.text(label));
                r.setAttackCategory(name);
            }
        }

        /** The IPv4 column, or nProbe's IPv6 one when the flow is IPv6 (IPv4 then reads 0.0.0.0). */
        private static String address(CsvRow row, int v4, int v6) {
            String a = row.optionalText(v4);
            String b = row.optionalText(v6);
            if (b != null && !b.equals("::") && (a == null || a.equals("0.0.0.0"))) return b;
            return a;
        }

        private static String l7(String s) {
            return s != null && s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
    }
}
