package org.flowsentry.core.ingest.exporters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/** Reads inline exporter output through the real driver, as a file would be read. */
final class ExporterReads {
    private ExporterReads() {}

    record Result(List<FlowRecord> flows, ReadErrors errors) {}

    static Result read(FlowFormat format, String... lines) {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = new ArrayList<>();
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FlowReader reader = format.open(new ByteArrayInputStream(bytes), "test.json", errors)) {
            reader.forEachRemaining(flows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(flows, errors);
    }

    static FlowRecord readOne(FlowFormat format, String line) {
        Result result = read(format, line);
        if (result.errors().count() != 0 || result.flows().size() != 1) {
            throw new AssertionError("expected one flow, got " + result.flows().size() + " and errors "
                    + result.errors().examples());
        }
        return result.flows().get(0);
    }

    static FileSample sample(String... lines) {
        return new FileSample("sample.json", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
