package org.flowsentry.core.ingest.datasets;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.CsvRow;
import org.flowsentry.core.ingest.csv.RowMapper;
import org.flowsentry.schema.FlowRecord;

/**
 * Argus bidirectional flows as text ("binetflow", CTU-13 and Stratosphere captures): comma or tab
 * separated, header {@code StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,
 * TotPkts,TotBytes,SrcBytes[,SrcPkts][,Label]}, columns found by name.
 *
 * <ul>
 *   <li>StartTime ("2019/04/04 16:24:47.672448") is read as UTC: the files carry no zone, and
 *       Argus prints the capturing machine's local time, which the files do not record either.
 *   <li>Dir is not kept: src/dst already follow Argus's initiator/responder, and the arrow
 *       ("->", "<->", "<?>", "who" for ARP) is categorical, with no FlowRecord field to hold it.
 *   <li>ICMP: Argus prints type and code in the port columns (see {@link #setIcmp}); ports stay empty.
 *   <li>Non-IP flows (arp, llc, man records) have protocol -1, their MAC or "0" addresses, no ports.
 *   <li>Without a SrcPkts column the packet split is estimated from the byte split (a note says so).
 *   <li>Labels: "flow=" dropped; "Normal"/"LEGITIMATE" labels are BENIGN; "Background" labels are
 *       left empty (CTU does not verify them; a note says so); others are attacks, verbatim.
 * </ul>
 */
public final class ArgusFormat implements CsvFlowFormat {
    public static final ArgusFormat INSTANCE = new ArgusFormat();

    private static final String[] SIGNATURE = {
        "StartTime", "Dur", "Proto", "SrcAddr", "Sport", "Dir", "DstAddr", "Dport", "State", "TotPkts", "TotBytes", "SrcBytes"
    };
    /** Argus names UDP flows it recognises as RTP by that name. */
    private static final Map<String, Integer> ARGUS_PROTOCOLS = Map.of("rtp", Protocols.UDP, "rtcp", Protocols.UDP);

    static final String BACKGROUND_NOTE =
            "Background labels are unverified ground truth (CTU does not check them): label left empty";
    static final String ESTIMATED_PACKETS_NOTE = "no SrcPkts column: when both directions carried bytes,"
            + " srcPackets/dstPackets are TotPkts split in proportion to SrcBytes/TotBytes (an estimate)";

    private ArgusFormat() {}

    @Override
    public String id() {
        return "argus";
    }

    @Override
    public String description() {
        return "Argus bidirectional flows (CTU-13 / Stratosphere .binetflow, comma or tab separated)";
    }

    @Override
    public boolean matches(FileSample sample) {
        String first = sample.firstLine();
        String separator = first.chars().filter(c -> c == '\t').count() > first.chars().filter(c -> c == ',').count() ? "\t" : ",";
        return new CsvHeader(List.of(first.split(separator, -1))).hasAll(SIGNATURE);
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.withHeader(CsvLayout.AUTO);
    }

    @Override
    public RowMapper mapper(CsvHeader h, String source, ReadErrors errors) throws IOException {
        int start = h.require("StartTime");
        int dur = h.require("Dur");
        int proto = h.require("Proto");
        int srcAddr = h.require("SrcAddr");
        int sport = h.require("Sport");
        int dstAddr = h.require("DstAddr");
        int dport = h.require("Dport");
        int state = h.require("State");
        int sTos = h.find("sTos");
        int dTos = h.find("dTos");
        int totPkts = h.require("TotPkts");
        int totBytes = h.require("TotBytes");
        int srcBytes = h.require("SrcBytes");
        int srcPkts = h.find("SrcPkts");
        int label = h.find("Label");
        if (srcPkts < 0) errors.note(ESTIMATED_PACKETS_NOTE);
        return row -> {
            FlowRecord r = FlowRecords.blank();
            long startUs = epochMicros(row, start);
            long durationUs = DatasetFields.secondsToMicros(row, dur);
            r.setStartMs(Math.floorDiv(startUs, 1000));
            r.setEndMs(Math.floorDiv(startUs + durationUs, 1000));
            r.setDurationUs(durationUs);
            String protoName = row.text(proto);
            int protocol = ARGUS_PROTOCOLS.getOrDefault(protoName, Protocols.number(protoName));
            r.setProtocol(protocol);
            r.setSrcAddr(row.optionalText(srcAddr));
            r.setDstAddr(row.optionalText(dstAddr));
            if (protocol == Protocols.ICMP || protocol == Protocols.ICMPV6) {
                setIcmp(r, row, sport, dport);
            } else if (protocol != Protocols.UNKNOWN) {
                r.setSrcPort(port(row, sport));
                r.setDstPort(port(row, dport));
            } // non-IP: Argus's port columns hold "0" or nothing
            r.setState(row.optionalText(state));
            setCounters(r, row, totPkts, totBytes, srcPkts, srcBytes);
            Map<String, Double> features = new HashMap<>(4);
            putFeature(features, row, sTos);
            putFeature(features, row, dTos);
            r.setFeatures(features);
            if (label >= 0) setLabel(r, row.text(label), errors);
            return r;
        };
    }

    private static void setCounters(FlowRecord r, CsvRow row, int totPkts, int totBytes, int srcPkts, int srcBytes)
            throws MalformedRowException {
        long pkts = row.longValue(totPkts);
        long bytes = row.longValue(totBytes);
        long sBytes = row.longValue(srcBytes);
        if (sBytes > bytes) {
            throw new MalformedRowException("SrcBytes " + sBytes + " greater than TotBytes " + bytes);
        }
        String srcPktsText = row.text(srcPkts);
        long sPkts;
        if (!srcPktsText.isEmpty()) {
            sPkts = row.longValue(srcPkts);
            if (sPkts > pkts) throw new MalformedRowException("SrcPkts " + sPkts + " greater than TotPkts " + pkts);
        } else if (sBytes == bytes) {
            sPkts = pkts; // a side that sent no bytes sent no packets: exact
        } else if (sBytes == 0) {
            sPkts = 0;
        } else {
            sPkts = Math.round((double) pkts * sBytes / bytes);
            // Both sides sent bytes, so each sent at least one packet.
            if (pkts >= 2) sPkts = Math.max(1, Math.min(pkts - 1, sPkts));
        }
        r.setSrcPackets(sPkts);
        r.setDstPackets(pkts - sPkts);
        r.setSrcBytes(sBytes);
        r.setDstBytes(bytes - sBytes);
    }

    private static Integer port(CsvRow row, int index) throws MalformedRowException {
        Long v = DatasetFields.decimalOrHex(row, index);
        if (v == null) return null;
        if (v < 0 || v > 65535) throw new MalformedRowException(row.columnName(index) + ": not a port: '" + row.text(index) + "'");
        return v.intValue();
    }

    /**
     * Argus prints ICMP type and code in the port columns, in two ways. Argus 3 writes Sport as one
     * 4-digit hex number made of the first two bytes of the ICMP header, type in the low byte and
     * code in the high byte ("0x0403": type 3, code 4, state URF; "0x0008": echo request, state ECO),
     * and Dport as the ICMP identifier, which is not kept. Otherwise (2-digit hex "0x03"/"0x03", or
     * ICMPv6 in decimal "135"/"0") Sport is the type and Dport the code. Values that cannot be a type
     * or code are left empty.
     */
    static void setIcmp(FlowRecord r, CsvRow row, int sport, int dport) throws MalformedRowException {
        Long s = DatasetFields.decimalOrHex(row, sport);
        if (s == null) return;
        String sText = row.text(sport);
        if (DatasetFields.isHex(sText) && sText.length() > 4) {
            if (s > 0xFFFF) return;
            r.setIcmpType((int) (s & 0xFF));
            r.setIcmpCode((int) (s >> 8));
            return;
        }
        if (s <= 0xFF) r.setIcmpType(s.intValue());
        Long d = DatasetFields.decimalOrHex(row, dport);
        if (d != null && d <= 0xFF) r.setIcmpCode(d.intValue());
    }

    private static void putFeature(Map<String, Double> features, CsvRow row, int index) throws MalformedRowException {
        if (index < 0) return;
        Double v = row.finiteOrNull(index);
        if (v != null) features.put(row.header().name(index), v);
    }

    static void setLabel(FlowRecord r, String text, ReadErrors errors) {
        String label = text.startsWith("flow=") ? text.substring("flow=".length()) : text;
        if (label.isEmpty()) return;
        if (label.contains("Normal") || label.contains("LEGITIMATE")) {
            r.setLabel(Labels.BENIGN);
        } else if (label.contains("Background")) {
            errors.note(BACKGROUND_NOTE);
        } else {
            r.setLabel(label);
            r.setAttackCategory(family(label));
        }
    }

    /** The first word of a label after a CTU direction prefix: "From-Botnet-V42-UDP" gives "Botnet". */
    static String family(String label) {
        String rest = label;
        if (rest.startsWith("From-")) rest = rest.substring(5);
        else if (rest.startsWith("To-")) rest = rest.substring(3);
        int dash = rest.indexOf('-');
        return dash > 0 ? rest.substring(0, dash) : rest;
    }

    /** "2019/04/04 16:24:47.672448" (or with '-' in the date, or "T"), as UTC; or epoch seconds. */
    static long epochMicros(CsvRow row, int index) throws MalformedRowException {
        String s = row.requiredText(index);
        try {
            if (s.length() < 19 || (s.charAt(4) != '/' && s.charAt(4) != '-')) {
                return new BigDecimal(s).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
            }
            char t = s.charAt(10);
            if (s.charAt(7) != s.charAt(4) || (t != ' ' && t != 'T') || s.charAt(13) != ':' || s.charAt(16) != ':') {
                throw new NumberFormatException();
            }
            LocalDate date = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
            LocalTime time = LocalTime.of(digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19));
            long micros = 0;
            if (s.length() > 19) {
                if (s.charAt(19) != '.' || s.length() == 20 || s.length() > 29) throw new NumberFormatException();
                micros = digits(s + "00000", 20, 26); // the first six fraction digits
                digits(s, 20, s.length()); // the rest must be digits too
            }
            long epochSecond = date.toEpochDay() * 86_400L + time.toSecondOfDay();
            return epochSecond * 1_000_000L + micros;
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw new MalformedRowException(row.columnName(index) + ": not a time (yyyy/MM/dd HH:mm:ss.ffffff): '" + s + "'");
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new NumberFormatException();
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
