package org.flowsentry.core.ingest.cic;

import java.util.HashMap;
import java.util.Map;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.csv.CsvHeader;

/**
 * Column names of the CICFlowMeter family. The same quantity has different names in different
 * releases: CIC-IDS2017 and CIC-DDoS2019 ("Total Fwd Packets", "Flow Bytes/s"), CICFlowMeter-4 and
 * CSE-CIC-IDS2018 ("Tot Fwd Pkts", "Flow Byts/s"), the current CICFlowMeter ("Total Fwd Packet",
 * "Fwd Segment Size Avg"), Unicauca ("Total.Fwd.Packets": dots are ignored by {@link CsvHeader}).
 *
 * <p>Feature keys are CIC-IDS2017's names without the leading spaces ("Flow Bytes/s",
 * "Init_Win_bytes_forward", "CWE Flag Count"), whatever release a file comes from, so a model
 * trained on one release reads the others. A column with no known alias keeps its own name.
 */
final class CicColumns {
    private CicColumns() {}

    // Columns mapped to FlowRecord fields, with every release's name.
    static final String[] SRC_ADDR = {"Source IP", "Src IP"};
    static final String[] SRC_PORT = {"Source Port", "Src Port"};
    static final String[] DST_ADDR = {"Destination IP", "Dst IP"};
    static final String[] DST_PORT = {"Destination Port", "Dst Port"};
    static final String[] PROTOCOL = {"Protocol"};
    static final String[] TIMESTAMP = {"Timestamp"};
    static final String[] DURATION = {"Flow Duration"};
    static final String[] FWD_PACKETS = {"Total Fwd Packets", "Tot Fwd Pkts", "Total Fwd Packet"};
    static final String[] BWD_PACKETS = {"Total Backward Packets", "Tot Bwd Pkts", "Total Bwd packets"};
    static final String[] FWD_BYTES = {"Total Length of Fwd Packets", "TotLen Fwd Pkts", "Total Length of Fwd Packet"};
    static final String[] BWD_BYTES = {"Total Length of Bwd Packets", "TotLen Bwd Pkts", "Total Length of Bwd Packet"};
    static final String[] ICMP_TYPE = {"ICMP Type"};
    static final String[] ICMP_CODE = {"ICMP Code"};
    static final String[] LABEL = {"Label"};

    /**
     * Columns that are neither fields nor features: the flow key text, row numbers added by pandas
     * ("Unnamed: 0") or by re-publishers ("id"), CIC-DDoS2019's text column "SimillarHTTP", and
     * CIC-IDS2017's second "Fwd Header Length", a copy of the first (CICFlowMeter wrote the same
     * value twice; its later source says "62 is duplicated with 41, so has been deleted").
     */
    static final String[] NOT_FEATURES = {"Flow ID", "Unnamed: 0", "id", "SimillarHTTP", "Fwd Header Length.1"};

    /** CIC-DDoS2019's own columns: every attack in that dataset is a DDoS attack. */
    static final String[] DDOS2019 = {"SimillarHTTP", "Inbound"};

    /** The flag-count features (canonical names) and the TCP flag each one counts. */
    static final String[] FLAG_COUNTS = {"FIN Flag Count", "SYN Flag Count", "RST Flag Count", "PSH Flag Count",
        "ACK Flag Count", "URG Flag Count", "CWE Flag Count", "ECE Flag Count"};
    static final int[] FLAG_BITS = {TcpFlags.FIN, TcpFlags.SYN, TcpFlags.RST, TcpFlags.PSH,
        TcpFlags.ACK, TcpFlags.URG, TcpFlags.CWR, TcpFlags.ECE};

    /** Canonical (CIC-IDS2017) feature name first, then the other releases' names for it. */
    private static final String[][] FEATURES = {
        {"Fwd Packet Length Max", "Fwd Pkt Len Max"},
        {"Fwd Packet Length Min", "Fwd Pkt Len Min"},
        {"Fwd Packet Length Mean", "Fwd Pkt Len Mean"},
        {"Fwd Packet Length Std", "Fwd Pkt Len Std"},
        {"Bwd Packet Length Max", "Bwd Pkt Len Max"},
        {"Bwd Packet Length Min", "Bwd Pkt Len Min"},
        {"Bwd Packet Length Mean", "Bwd Pkt Len Mean"},
        {"Bwd Packet Length Std", "Bwd Pkt Len Std"},
        {"Flow Bytes/s", "Flow Byts/s"},
        {"Flow Packets/s", "Flow Pkts/s"},
        {"Flow IAT Mean"}, {"Flow IAT Std"}, {"Flow IAT Max"}, {"Flow IAT Min"},
        {"Fwd IAT Total", "Fwd IAT Tot"},
        {"Fwd IAT Mean"}, {"Fwd IAT Std"}, {"Fwd IAT Max"}, {"Fwd IAT Min"},
        {"Bwd IAT Total", "Bwd IAT Tot"},
        {"Bwd IAT Mean"}, {"Bwd IAT Std"}, {"Bwd IAT Max"}, {"Bwd IAT Min"},
        {"Fwd PSH Flags"}, {"Bwd PSH Flags"}, {"Fwd URG Flags"}, {"Bwd URG Flags"},
        {"Fwd Header Length", "Fwd Header Len"},
        {"Bwd Header Length", "Bwd Header Len"},
        {"Fwd Packets/s", "Fwd Pkts/s"},
        {"Bwd Packets/s", "Bwd Pkts/s"},
        {"Min Packet Length", "Pkt Len Min", "Packet Length Min"},
        {"Max Packet Length", "Pkt Len Max", "Packet Length Max"},
        {"Packet Length Mean", "Pkt Len Mean"},
        {"Packet Length Std", "Pkt Len Std"},
        {"Packet Length Variance", "Pkt Len Var"},
        {"FIN Flag Count", "FIN Flag Cnt"},
        {"SYN Flag Count", "SYN Flag Cnt"},
        {"RST Flag Count", "RST Flag Cnt"},
        {"PSH Flag Count", "PSH Flag Cnt"},
        {"ACK Flag Count", "ACK Flag Cnt"},
        {"URG Flag Count", "URG Flag Cnt"},
        {"CWE Flag Count", "CWR Flag Count"},
        {"ECE Flag Count", "ECE Flag Cnt"},
        {"Down/Up Ratio"},
        {"Average Packet Size", "Pkt Size Avg"},
        {"Avg Fwd Segment Size", "Fwd Seg Size Avg", "Fwd Segment Size Avg"},
        {"Avg Bwd Segment Size", "Bwd Seg Size Avg", "Bwd Segment Size Avg"},
        {"Fwd Avg Bytes/Bulk", "Fwd Byts/b Avg", "Fwd Bytes/Bulk Avg"},
        {"Fwd Avg Packets/Bulk", "Fwd Pkts/b Avg", "Fwd Packet/Bulk Avg"},
        {"Fwd Avg Bulk Rate", "Fwd Blk Rate Avg", "Fwd Bulk Rate Avg"},
        {"Bwd Avg Bytes/Bulk", "Bwd Byts/b Avg", "Bwd Bytes/Bulk Avg"},
        {"Bwd Avg Packets/Bulk", "Bwd Pkts/b Avg", "Bwd Packet/Bulk Avg"},
        {"Bwd Avg Bulk Rate", "Bwd Blk Rate Avg", "Bwd Bulk Rate Avg"},
        {"Subflow Fwd Packets", "Subflow Fwd Pkts"},
        {"Subflow Fwd Bytes", "Subflow Fwd Byts"},
        {"Subflow Bwd Packets", "Subflow Bwd Pkts"},
        {"Subflow Bwd Bytes", "Subflow Bwd Byts"},
        {"Init_Win_bytes_forward", "Init Fwd Win Byts", "FWD Init Win Bytes"},
        {"Init_Win_bytes_backward", "Init Bwd Win Byts", "Bwd Init Win Bytes"},
        {"act_data_pkt_fwd", "Fwd Act Data Pkts"},
        {"min_seg_size_forward", "Fwd Seg Size Min"},
        {"Active Mean"}, {"Active Std"}, {"Active Max"}, {"Active Min"},
        {"Idle Mean"}, {"Idle Std"}, {"Idle Max"}, {"Idle Min"},
    };

    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        for (String[] names : FEATURES) {
            for (String name : names) {
                String previous = CANONICAL.put(CsvHeader.key(name), names[0]);
                if (previous != null) throw new AssertionError("two features named " + name);
            }
        }
    }

    /** The feature key for a column name of any release (the column's own name when unknown). */
    static String featureName(String column) {
        return CANONICAL.getOrDefault(CsvHeader.key(column), column);
    }

    /** True when a header has the columns every CICFlowMeter release writes. */
    static boolean isCicHeader(CsvHeader h) {
        return h.has(DURATION) && h.has(FWD_PACKETS) && h.has(BWD_PACKETS) && h.has(FWD_BYTES)
                && h.has(BWD_BYTES) && h.has("Flow IAT Mean") && h.has("Flow IAT Max");
    }
}
