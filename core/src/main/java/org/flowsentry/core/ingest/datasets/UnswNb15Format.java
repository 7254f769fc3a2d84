package org.flowsentry.core.ingest.datasets;

import java.io.IOException;
import java.util.List;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.RowMapper;
import org.flowsentry.schema.FlowRecord;

/**
 * UNSW-NB15, partitioned form (UNSW_NB15_training-set.csv, UNSW_NB15_testing-set.csv): 45 columns
 * with a header, no addresses, ports or timestamps.
 */
public final class UnswNb15Format implements CsvFlowFormat {
    public static final UnswNb15Format INSTANCE = new UnswNb15Format();

    private static final String[] SIGNATURE = {
        "id", "dur", "proto", "service", "state", "spkts", "dpkts", "sbytes", "dbytes", "sttl", "ct_srv_src", "attack_cat", "label"
    };
    /** Columns that become record fields; "id" is the row number, not a property of the traffic. */
    private static final List<String> NOT_FEATURES = List.of(
            "id", "dur", "proto", "service", "state", "spkts", "dpkts", "sbytes", "dbytes", "attack_cat", "label");

    private UnswNb15Format() {}

    @Override
    public String id() {
        return "unsw-nb15";
    }

    @Override
    public String description() {
        return "UNSW-NB15 partitioned CSV (UNSW_NB15_training-set.csv / testing-set.csv, 45 columns)";
    }

    @Override
    public boolean matches(FileSample sample) {
        String first = sample.firstLine();
        return new CsvHeader(List.of(first.split(",", -1))).hasAll(SIGNATURE);
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.withHeader(',');
    }

    @Override
    public RowMapper mapper(CsvHeader h, String source, ReadErrors errors) throws IOException {
        int dur = h.require("dur");
        int proto = h.require("proto");
        int service = h.require("service");
        int state = h.require("state");
        int spkts = h.require("spkts");
        int dpkts = h.require("dpkts");
        int sbytes = h.require("sbytes");
        int dbytes = h.require("dbytes");
        int category = h.require("attack_cat");
        int label = h.require("label");
        int[] features = DatasetFields.columnsExcept(h, NOT_FEATURES);
        return row -> {
            FlowRecord r = FlowRecords.blank();
            r.setDurationUs(DatasetFields.secondsToMicros(row, dur));
            // Many names here are Argus's for rare IP protocols ("3pc", "a/n", "unas", "any"):
            // unknown ones stay -1 rather than refusing the row.
            r.setProtocol(Protocols.number(row.text(proto)));
            r.setService(row.optionalText(service));
            r.setState(row.optionalText(state));
            r.setSrcPackets(row.longValue(spkts));
            r.setDstPackets(row.longValue(dpkts));
            r.setSrcBytes(row.longValue(sbytes));
            r.setDstBytes(row.longValue(dbytes));
            r.setFeatures(DatasetFields.features(row, features));
            UnswNb15Labels.apply(r, row, label, category);
            return r;
        };
    }
}
