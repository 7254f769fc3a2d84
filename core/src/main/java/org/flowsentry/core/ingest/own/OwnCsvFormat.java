package org.flowsentry.core.ingest.own;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.RowMapper;
import org.flowsentry.schema.FlowRecord;

/** FlowSentry's own CSV: a header of FlowRecord field names (any order, any subset but the counters). */
public final class OwnCsvFormat implements CsvFlowFormat {
    public static final OwnCsvFormat INSTANCE = new OwnCsvFormat();

    private OwnCsvFormat() {}

    @Override
    public String id() {
        return "flowsentry-csv";
    }

    @Override
    public String description() {
        return "FlowSentry CSV (header of FlowRecord field names, as written by `generate --output-format csv`)";
    }

    @Override
    public boolean matches(FileSample sample) {
        List<String> cols = List.of(sample.firstLine().split(",", -1));
        return cols.contains("srcBytes") && cols.contains("dstBytes") && cols.contains("protocol");
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.withHeader(',');
    }

    @Override
    public RowMapper mapper(CsvHeader header, String source, ReadErrors errors) throws IOException {
        int n = header.size();
        Schema.Field[] fields = new Schema.Field[n];
        for (int i = 0; i < n; i++) {
            fields[i] = FlowRecord.getClassSchema().getField(header.name(i));
            if (fields[i] == null || fields[i].name().equals(FlowRecordFields.FEATURES)) {
                throw new IOException("unknown column '" + header.name(i) + "'; FlowSentry CSV columns are "
                        + String.join(",", FlowRecordFields.csvColumns()));
            }
        }
        return row -> {
            FlowRecord r = FlowRecords.blank();
            for (int i = 0; i < n; i++) FlowRecordFields.setFromText(r, fields[i], row.text(i));
            return r;
        };
    }
}
