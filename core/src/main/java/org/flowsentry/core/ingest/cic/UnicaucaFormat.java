package org.flowsentry.core.ingest.cic;

import java.io.IOException;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.RowMapper;

/**
 * The Unicauca "IP Network Traffic Flows Labeled with 75 Apps" CSV (Kaggle): CICFlowMeter columns
 * with R-style dotted names ("Flow.ID", "Total.Fwd.Packets", "Flow.Bytes.s"), timestamps like
 * "26/04/201711:11:17", and two nDPI columns. Mapped as {@link CicFlowMeterFormat} (same feature
 * names); {@code service} is "ProtocolName" (e.g. "HTTP_PROXY"), and "L7Protocol", its numeric
 * nDPI id, is not kept as a feature. The dataset labels every flow "BENIGN".
 */
public final class UnicaucaFormat implements CsvFlowFormat {
    public static final UnicaucaFormat INSTANCE = new UnicaucaFormat();

    private static final String SERVICE = "ProtocolName";
    private static final String L7_ID = "L7Protocol";

    private UnicaucaFormat() {}

    @Override
    public String id() {
        return "unicauca";
    }

    @Override
    public String description() {
        return "Unicauca IP Network Traffic Flows Labeled with 75 Apps (CICFlowMeter CSV with nDPI application names)";
    }

    @Override
    public boolean matches(FileSample sample) {
        CsvHeader h = FieldRules.header(sample);
        return CicColumns.isCicHeader(h) && h.hasAll(SERVICE, L7_ID);
    }

    @Override
    public CsvLayout layout() {
        return CsvLayout.withHeader(',');
    }

    @Override
    public RowMapper mapper(CsvHeader header, String source, ReadErrors errors) throws IOException {
        return new CicFlowMapper(header, errors, SERVICE, L7_ID);
    }
}
