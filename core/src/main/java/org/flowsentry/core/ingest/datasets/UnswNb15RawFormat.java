package org.flowsentry.core.ingest.datasets;

import java.io.IOException;
import java.util.List;
import org.flowsentry.core.flow.Addresses;
import org.flowsentry.core.flow.FlowRecords;
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
 * UNSW-NB15, raw form (UNSW-NB15_1.csv to _4.csv): 49 columns without a header, with addresses,
 * ports and epoch-second times, as described by UNSW-NB15_features.csv.
 *
 * <p>Quirks of the real files, all accepted: ports in hex ("0x000b", "0xc0a8") or "-" (no port);
 * a few dsport values that are not ports at all ("0x20205321"), left empty with a note;
 * attack_cat with stray spaces and both "Backdoor" and "Backdoors" (see {@link UnswNb15Labels});
 * attack_cat empty on normal rows; ct_ftp_cmd blank (" ") on many rows, left out of the features.
 */
public final class UnswNb15RawFormat implements CsvFlowFormat {
    public static final UnswNb15RawFormat INSTANCE = new UnswNb15RawFormat();

    static final List<String> COLUMNS = List.of(
            "srcip", "sport", "dstip", "dsport", "proto", "state", "dur", "sbytes", "dbytes", "sttl", "dttl",
            "sloss", "dloss", "service", "Sload", "Dload", "Spkts", "Dpkts", "swin", "dwin", "stcpb", "dtcpb",
            "smeansz", "dmeansz", "trans_depth", "res_bdy_len", "Sjit", "Djit", "Stime", "Ltime", "Sintpkt",
            "Dintpkt", "tcprtt", "synack", "ackdat", "is_sm_ips_ports", "ct_state_ttl", "ct_flw_http_mthd",
            "is_ftp_login", "ct_ftp_cmd", "ct_srv_src", "ct_srv_dst", "ct_dst_ltm", "ct_src_ltm",
            "ct_src_dport_ltm", "ct_dst_sport_ltm", "ct_dst_src_ltm", "attack_cat", "Label");
    private static final List<String> NOT_FEATURES = List.of(
            "srcip", "sport", "dstip", "dsport", "proto", "state", "dur", "sbytes", "dbytes", "service",
            "Spkts", "Dpkts", "Stime", "Ltime", "attack_cat", "Label");

    private UnswNb15RawFormat() {}

    @Override
    public String id() {
        return "unsw-nb15-raw";
    }

    @Override
    public String description() {
        return "UNSW-NB15 raw CSV (UNSW-NB15_1.csv to _4.csv, 49 columns, no header)";
    }

    /** 49 fields: addresses first and third, a protocol name fifth, integral Stime/Ltime, a 0/1 Label. */
    @Override
    public boolean matches(FileSample sample) {
        String[] f = sample.firstLine().split(",", -1);
        return f.length == COLUMNS.size()
                && Addresses.isIp(f[0].strip()) && Addresses.isIp(f[2].strip())
                && !f[4].isBlank() && !isDigits(f[4].strip()) // a name, though some start with a digit ("3pc")
                && isDigits(f[28].strip()) && isDigits(f[29].strip())
                && (f[48].strip().equals("0") || f[48].strip().equals("1"));
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.headerless(',', COLUMNS);
    }

    @Override
    public RowMapper mapper(CsvHeader h, String source, ReadErrors errors) throws IOException {
        int srcip = h.require("srcip");
        int sport = h.require("sport");
        int dstip = h.require("dstip");
        int dsport = h.require("dsport");
        int proto = h.require("proto");
        int state = h.require("state");
        int dur = h.require("dur");
        int sbytes = h.require("sbytes");
        int dbytes = h.require("dbytes");
        int service = h.require("service");
        int spkts = h.require("Spkts");
        int dpkts = h.require("Dpkts");
        int stime = h.require("Stime");
        int ltime = h.require("Ltime");
        int category = h.require("attack_cat");
        int label = h.require("Label");
        int[] features = DatasetFields.columnsExcept(h, NOT_FEATURES);
        return row -> {
            FlowRecord r = FlowRecords.blank();
            r.setSrcAddr(row.optionalText(srcip));
            r.setDstAddr(row.optionalText(dstip));
            r.setSrcPort(port(row, sport, errors));
            r.setDstPort(port(row, dsport, errors));
            r.setProtocol(Protocols.number(row.text(proto)));
            r.setState(row.optionalText(state));
            r.setService(row.optionalText(service));
            r.setDurationUs(DatasetFields.secondsToMicros(row, dur));
            r.setStartMs(row.longValue(stime) * 1000);
            r.setEndMs(row.longValue(ltime) * 1000);
            r.setSrcPackets(row.longValue(spkts));
            r.setDstPackets(row.longValue(dpkts));
            r.setSrcBytes(row.longValue(sbytes));
            r.setDstBytes(row.longValue(dbytes));
            r.setFeatures(DatasetFields.features(row, features));
            UnswNb15Labels.apply(r, row, label, category);
            return r;
        };
    }

    /** A port in decimal or hex; "-" and values that cannot be ports are left empty. */
    private static Integer port(CsvRow row, int index, ReadErrors errors) throws MalformedRowException {
        Long v = DatasetFields.decimalOrHex(row, index);
        if (v == null) return null;
        if (v < 0 || v > 65535) {
            // One note per column, not per value: notes are few and kept once each.
            errors.note(row.header().name(index) + " has values outside 0-65535 (the real files have 0x20205321):"
                    + " not ports, left empty");
            return null;
        }
        return v.intValue();
    }
}
