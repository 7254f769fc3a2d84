package org.flowsentry.core.ingest.cic;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/** Inline CSV samples for the format tests: reading, detecting and building rows by column name. */
final class Samples {
    private Samples() {}

    static List<FlowRecord> read(FlowFormat format, String text, ReadErrors errors) throws IOException {
        return read(format, text.getBytes(StandardCharsets.UTF_8), errors);
    }

    static List<FlowRecord> read(FlowFormat format, byte[] bytes, ReadErrors errors) throws IOException {
        List<FlowRecord> out = new ArrayList<>();
        try (FlowReader reader = format.open(new ByteArrayInputStream(bytes), "sample.csv", errors)) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    /** The id of the format FlowSentry detects for a file starting like this, or null. */
    static String detect(String text) {
        FileSample sample = new FileSample("sample.csv", text.getBytes(StandardCharsets.UTF_8));
        return FlowFormats.detect(sample).map(FlowFormat::id).orElse(null);
    }

    /** Lines joined into a file. */
    static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /**
     * A data row for a header: each column's value from {@code values} (looked up by the column
     * name without surrounding spaces, so a repeated name gets the same value), "0" otherwise.
     */
    static String row(String header, Map<String, String> values) {
        String[] names = header.split(",", -1);
        Set<String> used = new HashSet<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            if (i > 0) sb.append(',');
            String v = values.get(name);
            if (v != null) used.add(name);
            sb.append(v != null ? v : "0");
        }
        if (!used.containsAll(values.keySet())) {
            Set<String> unknown = new HashSet<>(values.keySet());
            unknown.removeAll(used);
            throw new IllegalArgumentException("not in the header: " + unknown);
        }
        return sb.toString();
    }

    /** Every column of a header set to its position + 1 (all finite, all distinct), except those given. */
    static String numberedRow(String header, Map<String, String> values) {
        String[] names = header.split(",", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String v = values.get(names[i].strip());
            if (i > 0) sb.append(',');
            sb.append(v != null ? v : Integer.toString(i + 1));
        }
        return sb.toString();
    }

    /** Column values by name, from name, value, name, value, ... */
    static Map<String, String> values(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put(namesAndValues[i], namesAndValues[i + 1]);
        return m;
    }

    static int columns(String header) {
        return header.split(",", -1).length;
    }
}
