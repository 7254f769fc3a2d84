package org.flowsentry.core.ingest.cic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.flow.Addresses;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvRow;
import org.flowsentry.core.ingest.csv.RowMapper;
import org.flowsentry.schema.FlowRecord;

/**
 * Maps rows of any CICFlowMeter-family CSV (see {@link CicFlowMeterFormat}); the Unicauca format
 * reuses it with a service column. Built once per input from its header.
 */
final class CicFlowMapper implements RowMapper {
    private final CsvHeader header;
    private final ReadErrors errors;
    private final int duration;
    private final int fwdPackets;
    private final int bwdPackets;
    private final int fwdBytes;
    private final int bwdBytes;
    private final int srcAddr;
    private final int dstAddr;
    private final int srcPort;
    private final int dstPort;
    private final int protocol;
    private final int timestamp;
    private final int icmpType;
    private final int icmpCode;
    private final int label;
    private final int service;
    private final boolean hasFlagCounts;
    private final boolean allAttacksDdos;
    private final FeatureColumns features;
    private final BitSet noted = new BitSet();

    /**
     * @param serviceColumn column whose text becomes {@code service}, or null
     * @param notFeatures columns of this variant that are neither fields nor features
     */
    CicFlowMapper(CsvHeader header, ReadErrors errors, String serviceColumn, String... notFeatures) throws IOException {
        this.header = header;
        this.errors = errors;
        this.duration = header.require(CicColumns.DURATION);
        this.fwdPackets = header.require(CicColumns.FWD_PACKETS);
        this.bwdPackets = header.require(CicColumns.BWD_PACKETS);
        this.fwdBytes = header.require(CicColumns.FWD_BYTES);
        this.bwdBytes = header.require(CicColumns.BWD_BYTES);
        this.srcAddr = header.find(CicColumns.SRC_ADDR);
        this.dstAddr = header.find(CicColumns.DST_ADDR);
        this.srcPort = header.find(CicColumns.SRC_PORT);
        this.dstPort = header.find(CicColumns.DST_PORT);
        this.protocol = header.find(CicColumns.PROTOCOL);
        this.timestamp = header.find(CicColumns.TIMESTAMP);
        this.icmpType = header.find(CicColumns.ICMP_TYPE);
        this.icmpCode = header.find(CicColumns.ICMP_CODE);
        this.label = header.find(CicColumns.LABEL);
        this.service = serviceColumn == null ? -1 : header.find(serviceColumn);
        this.allAttacksDdos = header.has(CicColumns.DDOS2019);

        List<Integer> notFeatureColumns = new ArrayList<>(List.of(duration, fwdPackets, bwdPackets, fwdBytes,
                bwdBytes, srcAddr, dstAddr, srcPort, dstPort, protocol, timestamp, icmpType, icmpCode, label, service));
        for (String name : CicColumns.NOT_FEATURES) notFeatureColumns.add(header.find(name));
        for (String name : notFeatures) notFeatureColumns.add(header.find(name));
        this.features = new FeatureColumns(header, notFeatureColumns, CicColumns::featureName);
        this.hasFlagCounts = features.names().stream().anyMatch(List.of(CicColumns.FLAG_COUNTS)::contains);
    }

    @Override
    public FlowRecord map(CsvRow row) throws MalformedRowException {
        refuseNonFlowRows(row);
        FlowRecord r = FlowRecords.blank();
        Integer proto = row.optionalInt(protocol);
        int p = proto == null ? Protocols.UNKNOWN : proto;
        r.setProtocol(p);
        r.setSrcAddr(address(row, srcAddr, "srcAddr"));
        r.setDstAddr(address(row, dstAddr, "dstAddr"));
        r.setSrcPort(FieldRules.port(row.optionalInt(srcPort), p));
        r.setDstPort(FieldRules.port(row.optionalInt(dstPort), p));

        long durationUs = row.longValue(duration); // CICFlowMeter durations are microseconds
        r.setDurationUs(durationUs);
        Long startMs = startMs(row);
        if (startMs != null) {
            r.setStartMs(startMs);
            r.setEndMs(startMs + durationUs / 1000);
        }
        r.setSrcPackets(row.longValue(fwdPackets));
        r.setDstPackets(row.longValue(bwdPackets));
        r.setSrcBytes(row.longValue(fwdBytes));
        r.setDstBytes(row.longValue(bwdBytes));

        Map<String, Double> values = features.read(row);
        r.setFeatures(values);
        if (hasFlagCounts) r.setTcpFlags(FieldRules.tcpFlags(flagsFromCounts(values), p));
        if (FieldRules.isIcmp(p)) {
            r.setIcmpType(nonNegative(row.optionalInt(icmpType)));
            r.setIcmpCode(nonNegative(row.optionalInt(icmpCode)));
        }

        String truth = CicLabels.label(row.text(label));
        r.setLabel(truth);
        if (Labels.isAttack(truth)) r.setAttackCategory(allAttacksDdos ? "DDoS" : CicLabels.family(truth));
        if (service >= 0) r.setService(row.optionalText(service));
        return r;
    }

    /** Rows some published files contain that are not flows: all-empty rows, repeated header lines. */
    private void refuseNonFlowRows(CsvRow row) throws MalformedRowException {
        boolean blank = true;
        for (int i = 0; i < row.size() && blank; i++) blank = row.text(i).isEmpty();
        if (blank) throw new MalformedRowException("empty row: all " + row.size() + " fields are blank");
        String d = row.text(duration);
        if (!d.isEmpty() && Character.isLetter(d.charAt(0))
                && CsvHeader.key(d).equals(CsvHeader.key(header.name(duration)))) {
            throw new MalformedRowException("repeated header line (column names again), not a flow");
        }
    }

    private String address(CsvRow row, int column, String field) throws MalformedRowException {
        String s = row.optionalText(column);
        if (s == null || Addresses.isIp(s)) return s;
        if (FieldRules.isDigits(s)) {
            noteCodes(row, column, "IP addresses", field + " left empty");
            return null;
        }
        throw new MalformedRowException(row.columnName(column) + ": not an IP address: '" + s + "'");
    }

    private Long startMs(CsvRow row) throws MalformedRowException {
        String s = row.optionalText(timestamp);
        if (s == null) return null;
        if (FieldRules.isDigits(s)) {
            noteCodes(row, timestamp, "dates and times", "startMs and endMs left empty");
            return null;
        }
        try {
            return CicTimestamps.epochMillis(s);
        } catch (IllegalArgumentException e) {
            throw new MalformedRowException(row.columnName(timestamp) + ": " + e.getMessage());
        }
    }

    /** An integer where an address or a time should be: the file was re-encoded, not broken. Said once per column. */
    private void noteCodes(CsvRow row, int column, String expected, String consequence) {
        if (noted.get(column)) return;
        noted.set(column);
        errors.note(row.columnName(column) + " holds integer codes, not " + expected
                + " (replaced by whoever prepared the file): " + consequence);
    }

    private static int flagsFromCounts(Map<String, Double> features) {
        int flags = 0;
        for (int i = 0; i < CicColumns.FLAG_COUNTS.length; i++) {
            Double count = features.get(CicColumns.FLAG_COUNTS[i]);
            if (count != null && count > 0) flags |= CicColumns.FLAG_BITS[i];
        }
        return flags;
    }

    private static Integer nonNegative(Integer v) {
        return v == null || v < 0 ? null : v;
    }
}
