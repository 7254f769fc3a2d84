package org.flowsentry.core.ingest.cic;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The small intrusion-detection CSV of tutorials, recognised by its exact header
 * {@code packet_size,duration,src_bytes,dst_bytes,protocol_type,flag,src_port,dst_port,packet_rate,error_rate,label}.
 * duration is seconds; protocol_type a name (TCP, UDP, ICMP); flag a TCP state word, kept as
 * {@code state}; packet_size, packet_rate and error_rate are features. Labels "normal", "benign"
 * and "0" are BENIGN, others are kept. No timestamps, addresses or packet counts.
 */
public final class SimpleCsvFormat implements CsvFlowFormat {
    public static final SimpleCsvFormat INSTANCE = new SimpleCsvFormat();

    static final List<String> COLUMNS = List.of("packet_size", "duration", "src_bytes", "dst_bytes",
            "protocol_type", "flag", "src_port", "dst_port", "packet_rate", "error_rate", "label");

    private SimpleCsvFormat() {}

    @Override
    public String id() {
        return "simple-csv";
    }

    @Override
    public String description() {
        return "tutorial CSV: packet_size,duration,src_bytes,dst_bytes,protocol_type,flag,src_port,dst_port,"
                + "packet_rate,error_rate,label";
    }

    @Override
    public boolean matches(FileSample sample) {
        String[] names = sample.firstLine().split(",", -1);
        if (names.length != COLUMNS.size()) return false;
        for (int i = 0; i < names.length; i++) {
            if (!names[i].strip().toLowerCase(Locale.ROOT).equals(COLUMNS.get(i))) return false;
        }
        return true;
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.withHeader(',');
    }

    @Override
    public RowMapper mapper(CsvHeader h, String source, ReadErrors errors) throws IOException {
        int packetSize = h.require("packet_size");
        int duration = h.require("duration");
        int srcBytes = h.require("src_bytes");
        int dstBytes = h.require("dst_bytes");
        int protocol = h.require("protocol_type");
        int flag = h.require("flag");
        int srcPort = h.require("src_port");
        int dstPort = h.require("dst_port");
        int packetRate = h.require("packet_rate");
        int errorRate = h.require("error_rate");
        int label = h.require("label");
        return row -> {
            FlowRecord r = FlowRecords.blank();
            int p = Protocols.number(row.text(protocol));
            r.setProtocol(p);
            r.setDurationUs(microseconds(row, duration));
            r.setSrcBytes(row.longValue(srcBytes));
            r.setDstBytes(row.longValue(dstBytes));
            r.setSrcPort(FieldRules.port(row.optionalInt(srcPort), p));
            r.setDstPort(FieldRules.port(row.optionalInt(dstPort), p));
            r.setState(row.optionalText(flag));
            Map<String, Double> features = new HashMap<>(4);
            putFinite(features, "packet_size", row.finiteOrNull(packetSize));
            putFinite(features, "packet_rate", row.finiteOrNull(packetRate));
            putFinite(features, "error_rate", row.finiteOrNull(errorRate));
            r.setFeatures(features);
            r.setLabel(label(row.text(label)));
            return r;
        };
    }

    private static long microseconds(CsvRow row, int column) throws MalformedRowException {
        double seconds = row.doubleValue(column);
        if (!Double.isFinite(seconds)) {
            throw new MalformedRowException(row.columnName(column) + ": not a finite number of seconds: '"
                    + row.text(column) + "'");
        }
        return Math.round(seconds * 1_000_000);
    }

    private static void putFinite(Map<String, Double> features, String name, Double value) {
        if (value != null) features.put(name, value);
    }

    /** "normal", "benign" and "0" are benign; anything else is kept as the dataset writes it; empty is unknown. */
    static String label(String raw) {
        if (raw.isEmpty()) return null;
        String s = raw.toLowerCase(Locale.ROOT);
        return s.equals("normal") || s.equals("benign") || s.equals("0") ? Labels.BENIGN : raw;
    }
}
