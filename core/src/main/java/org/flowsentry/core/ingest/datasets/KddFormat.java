package org.flowsentry.core.ingest.datasets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.RowMapper;
import org.flowsentry.schema.FlowRecord;

/**
 * NSL-KDD (KDDTrain+, KDDTest+: 43 columns, last "label,difficulty") and KDD Cup 99 (kddcup.data,
 * kddcup.data_10_percent, corrected: 42 columns, labels ending in a dot) connection records,
 * neither with a header.
 */
public final class KddFormat implements CsvFlowFormat {
    /** The 41 connection columns both datasets share, in file order. */
    static final List<String> CONNECTION_COLUMNS = List.of(
            "duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land", "wrong_fragment",
            "urgent", "hot", "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted",
            "num_root", "num_file_creations", "num_shells", "num_access_files", "num_outbound_cmds",
            "is_host_login", "is_guest_login", "count", "srv_count", "serror_rate", "srv_serror_rate",
            "rerror_rate", "srv_rerror_rate", "same_srv_rate", "diff_srv_rate", "srv_diff_host_rate",
            "dst_host_count", "dst_host_srv_count", "dst_host_same_srv_rate", "dst_host_diff_srv_rate",
            "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate", "dst_host_serror_rate",
            "dst_host_srv_serror_rate", "dst_host_rerror_rate", "dst_host_srv_rerror_rate");

    public static final KddFormat NSL_KDD = new KddFormat("nsl-kdd",
            "NSL-KDD (KDDTrain+ / KDDTest+, 43 columns, no header)", true);
    public static final KddFormat KDD99 = new KddFormat("kdd99",
            "KDD Cup 99 (kddcup.data, kddcup.data_10_percent, corrected; 42 columns, no header)", false);

    /**
     * The usual grouping of the DARPA 1998/1999 attacks, including those found only in the test
     * files (KDDTest+, corrected). Sources disagree on two: httptunnel is put in U2R here (R2L in
     * some) and worm in R2L (DoS in some). Attacks not listed get no category.
     */
    private static final Map<String, String> CATEGORY = categories(Map.of(
            "DoS", Set.of("back", "land", "neptune", "pod", "smurf", "teardrop",
                    "apache2", "mailbomb", "processtable", "udpstorm"),
            "Probe", Set.of("ipsweep", "nmap", "portsweep", "satan", "mscan", "saint"),
            "R2L", Set.of("ftp_write", "guess_passwd", "imap", "multihop", "phf", "spy", "warezclient",
                    "warezmaster", "named", "sendmail", "snmpgetattack", "snmpguess", "worm", "xlock", "xsnoop"),
            "U2R", Set.of("buffer_overflow", "loadmodule", "perl", "rootkit",
                    "httptunnel", "ps", "sqlattack", "xterm")));

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");

    private final String id;
    private final String description;
    private final boolean nsl;
    private final List<String> columns;

    private KddFormat(String id, String description, boolean nsl) {
        this.id = id;
        this.description = description;
        this.nsl = nsl;
        List<String> cols = new ArrayList<>(CONNECTION_COLUMNS);
        cols.add("label");
        // NSL-KDD's difficulty is how many of its authors' 21 classifiers got the record right:
        // a property of the dataset, not of the traffic, so it is not read into the features.
        if (nsl) cols.add("difficulty");
        this.columns = List.copyOf(cols);
    }

    private static Map<String, String> categories(Map<String, Set<String>> byCategory) {
        Map<String, String> out = new HashMap<>();
        byCategory.forEach((category, attacks) -> attacks.forEach(a -> out.put(a, category)));
        return Map.copyOf(out);
    }

    /** The attack family (DoS, Probe, R2L, U2R) of an attack name, or null when not a known one. */
    static String category(String attack) {
        return CATEGORY.get(attack);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * Every sampled line has the column count, a numeric duration, tcp/udp/icmp second, and a
     * label in this dataset's style: "smurf." in KDD Cup 99, "smurf" then a numeric difficulty in NSL-KDD.
     */
    @Override
    public boolean matches(FileSample sample) {
        int seen = 0;
        for (String line : sample.lines()) {
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            if (f.length != columns.size() || !isNumber(f[0]) || !PROTOCOLS.contains(f[1])) return false;
            String label = f[CONNECTION_COLUMNS.size()];
            if (label.endsWith(".") == nsl) return false;
            if (nsl && !isNumber(f[f.length - 1])) return false;
            seen++;
        }
        return seen > 0;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.headerless(',', columns);
    }

    @Override
    public RowMapper mapper(CsvHeader h, String source, ReadErrors errors) throws IOException {
        int duration = h.require("duration");
        int protocol = h.require("protocol_type");
        int service = h.require("service");
        int flag = h.require("flag");
        int srcBytes = h.require("src_bytes");
        int dstBytes = h.require("dst_bytes");
        int label = h.require("label");
        int[] features = DatasetFields.columnsExcept(h,
                List.of("duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "label", "difficulty"));
        return row -> {
            FlowRecord r = FlowRecords.blank();
            r.setDurationUs(DatasetFields.secondsToMicros(row, duration));
            r.setProtocol(Protocols.number(row.text(protocol)));
            r.setService(row.optionalText(service));
            r.setState(row.optionalText(flag));
            // Byte counts only: neither dataset counts packets, so the packet counters stay 0.
            r.setSrcBytes(row.longValue(srcBytes));
            r.setDstBytes(row.longValue(dstBytes));
            r.setFeatures(DatasetFields.features(row, features));
            String name = row.requiredText(label);
            if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
            if (name.equals("normal")) {
                r.setLabel(Labels.BENIGN);
            } else {
                r.setLabel(name);
                r.setAttackCategory(category(name));
            }
            return r;
        };
    }
}
