package org.flowsentry.core.ingest.csv;

import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.schema.FlowRecord;

/** Turns one CSV row of a format into a FlowRecord; created once per input from its header. */
@FunctionalInterface
public interface RowMapper {
    FlowRecord map(CsvRow row) throws MalformedRowException;
}
