package org.flowsentry.core.ingest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.core.ingest.AbstractFlowReader;
import org.flowsentry.core.ingest.CountingInputStream;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/** The one JSON-lines driver: a line at a time, parse, map, validate, report refusals. */
public final class JsonLinesFlowReader extends AbstractFlowReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonFlowFormat format;
    private final CountingInputStream counting;
    private final BufferedReader lines;
    private final JsonMapper mapper;
    private long lineNumber;

    public JsonLinesFlowReader(JsonFlowFormat format, InputStream in, String source, ReadErrors errors) {
        super(format, source, errors);
        this.format = format;
        this.counting = new CountingInputStream(in);
        this.lines = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
        this.mapper = format.mapper();
    }

    /**
     * Parses one JSON text into a validated flow; shared with the streaming job's decoder.
     *
     * @return the flow, or null when the format skips this object on purpose (an exporter's marker)
     * @throws MalformedRowException with the reason when the text is not a usable flow
     */
    public static FlowRecord parse(String text, JsonMapper mapper) throws MalformedRowException {
        return map(readObject(text), mapper);
    }

    private static JsonNode readObject(String text) throws MalformedRowException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedRowException("invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new MalformedRowException("not a JSON object");
        return node;
    }

    private static FlowRecord map(JsonNode node, JsonMapper mapper) throws MalformedRowException {
        FlowRecord flow = mapper.map(node);
        if (flow == null) return null; // the format skips this object on purpose (e.g. a non-flow event)
        String problem = FlowValidation.problem(flow);
        if (problem != null) throw new MalformedRowException(problem);
        return flow;
    }

    @Override
    protected FlowRecord readNext() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) continue;
            try {
                JsonNode node = readObject(line);
                FlowRecord flow = map(node, mapper);
                if (flow != null) return flow;
                // Counted by kind, e.g. "pmacct purge_init": exporters name their non-flow events in event_type.
                errors.skipped(format.id() + " " + node.path("event_type").asText("non-flow record"));
            } catch (MalformedRowException e) {
                errors.report(source, lineNumber, e.getMessage());
            }
        }
        return null;
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
