package org.flowsentry.core.ingest.exporters;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.json.JsonFlowFormat;
import org.flowsentry.core.ingest.json.JsonMapper;

/** goflow2 (and goflow) JSON lines: NetFlow v5/v9, IPFIX and sFlow as goflow2 `-format=json` writes them. */
public final class Goflow2Format implements JsonFlowFormat {
    public static final Goflow2Format INSTANCE = new Goflow2Format();

    private Goflow2Format() {}

    @Override
    public String id() {
        return "goflow2";
    }

    @Override
    public String description() {
        return "goflow2 JSON lines (NetFlow/IPFIX/sFlow collector, `-format=json`, 1.x and 2.x field names)";
    }

    /** The first line is an object with a source address and one of goflow2's own keys. */
    @Override
    public boolean matches(FileSample sample) {
        JsonNode first = ExporterFields.firstObject(sample);
        return first != null
                && (first.has("src_addr") || first.has("SrcAddr"))
                && (first.has("type") || first.has("Type") || first.has("sampler_address")
                        || first.has("SamplerAddress") || first.has("time_received_ns"));
    }

    @Override
    public JsonMapper mapper() {
        return Goflow2Mapper.INSTANCE;
    }
}
