package org.flowsentry.core.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;

/** A format whose rows are CSV lines: it gives the layout and a row mapper, the driver does the rest. */
public interface CsvFlowFormat extends FlowFormat {

    CsvLayout layout();

    /**
     * Resolves the columns this format needs, once per input. The mapper may record facts about
     * the input with {@link ReadErrors#note} (e.g. a column that holds codes instead of addresses).
     *
     * @throws IOException when a required column is missing (the whole input is unusable)
     */
    RowMapper mapper(CsvHeader header, String source, ReadErrors errors) throws IOException;

    @Override
    default FlowReader open(InputStream in, String source, ReadErrors errors) throws IOException {
        return new CsvFlowReader(this, in, source, errors);
    }
}
