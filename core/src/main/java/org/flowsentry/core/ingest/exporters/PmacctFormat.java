package org.flowsentry.core.ingest.exporters;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.json.JsonFlowFormat;
import org.flowsentry.core.ingest.json.JsonMapper;

/** pmacct JSON lines: flows from nfacctd, sfacctd and pmacctd written by the kafka or print plugin as JSON. */
public final class PmacctFormat implements JsonFlowFormat {
    public static final PmacctFormat INSTANCE = new PmacctFormat();

    private PmacctFormat() {}

    @Override
    public String id() {
        return "pmacct";
    }

    @Override
    public String description() {
        return "pmacct JSON lines (nfacctd/sfacctd/pmacctd, kafka or print plugin with JSON output)";
    }

    /**
     * The first line is an object with pmacct's event_type and either addresses or, for a file that
     * starts with a purge_init marker ({@code print_markers}), the writer_id that markers carry.
     */
    @Override
    public boolean matches(FileSample sample) {
        JsonNode first = ExporterFields.firstObject(sample);
        return first != null && first.has("event_type")
                && (first.has("ip_src") || first.has("ip_dst") || first.has("writer_id"));
    }

    @Override
    public JsonMapper mapper() {
        return PmacctMapper.INSTANCE;
    }
}
