package org.flowsentry.core.ingest.json;

import java.io.IOException;
import java.io.InputStream;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;

/** A format of one JSON object per line (goflow2, pmacct, FlowSentry's own JSON lines). */
public interface JsonFlowFormat extends FlowFormat {

    JsonMapper mapper();

    @Override
    default FlowReader open(InputStream in, String source, ReadErrors errors) throws IOException {
        return new JsonLinesFlowReader(this, in, source, errors);
    }
}
