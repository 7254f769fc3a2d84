package org.flowsentry.core.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.schema.FlowRecord;

/** Turns one JSON object of a format into a FlowRecord. Also used by the streaming job per message. */
@FunctionalInterface
public interface JsonMapper {
    FlowRecord map(JsonNode object) throws MalformedRowException;
}
