package org.flowsentry.job.support;

import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.json.JsonFlowFormat;

/**
 * The format of the flows topic: "avro" (FlowRecord, single-object encoding), the id of a JSON
 * format ("goflow2", "pmacct", "flowsentry-json"), or "csv:" and the id of a CSV format
 * ("csv:cicflowmeter", "csv:nsl-kdd", ...).
 *
 * @param spec the text as configured
 * @param format the core format for JSON and CSV; null for avro
 */
public record InputFormat(String spec, FlowFormat format) {
    public static final String AVRO = "avro";
    public static final String CSV_PREFIX = "csv:";

    /** @throws IllegalArgumentException naming the accepted forms */
    public static InputFormat parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.equalsIgnoreCase(AVRO)) return new InputFormat(AVRO, null);
        if (s.regionMatches(true, 0, CSV_PREFIX, 0, CSV_PREFIX.length())) {
            String id = s.substring(CSV_PREFIX.length()).strip();
            FlowFormat f = FlowFormats.byId(id).orElse(null);
            if (!(f instanceof CsvFlowFormat)) {
                throw new IllegalArgumentException("'" + id + "' is not a CSV format; CSV formats: " + csvIds());
            }
            return new InputFormat(CSV_PREFIX + f.id(), f);
        }
        FlowFormat f = FlowFormats.byId(s).orElse(null);
        if (f instanceof JsonFlowFormat) return new InputFormat(f.id(), f);
        throw new IllegalArgumentException("unknown input format '" + spec + "': use avro, a JSON format ("
                + jsonIds() + ") or csv:<format> with a CSV format (" + csvIds() + ")");
    }

    public boolean isAvro() {
        return format == null;
    }

    public boolean isJson() {
        return format instanceof JsonFlowFormat;
    }

    public boolean isCsv() {
        return format instanceof CsvFlowFormat;
    }

    /** True for a CSV format whose files start with a header row: Kafka lines need the columns configured. */
    public boolean needsCsvColumns() {
        return format instanceof CsvFlowFormat c && c.layout().hasHeaderRow();
    }

    private static String jsonIds() {
        return String.join(", ", FlowFormats.all().stream().filter(f -> f instanceof JsonFlowFormat).map(FlowFormat::id).toList());
    }

    private static String csvIds() {
        return String.join(", ", FlowFormats.all().stream().filter(f -> f instanceof CsvFlowFormat).map(FlowFormat::id).toList());
    }
}
