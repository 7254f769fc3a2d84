package org.flowsentry.core.ingest.own;

import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.json.JsonFlowFormat;
import org.flowsentry.core.ingest.json.JsonMapper;

/** FlowSentry's own JSON lines: one object per flow with FlowRecord field names. */
public final class OwnJsonFormat implements JsonFlowFormat {
    public static final OwnJsonFormat INSTANCE = new OwnJsonFormat();

    private OwnJsonFormat() {}

    @Override
    public String id() {
        return "flowsentry-json";
    }

    @Override
    public String description() {
        return "FlowSentry JSON lines (FlowRecord field names, as written by `generate --output-format json`)";
    }

    @Override
    public boolean matches(FileSample sample) {
        String first = sample.firstLine().strip();
        return first.startsWith("{") && first.contains("\"srcBytes\"") && first.contains("\"protocol\"");
    }

    @Override
    public JsonMapper mapper() {
        return FlowRecordFields::fromJson;
    }
}
