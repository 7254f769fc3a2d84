package org.flowsentry.core.ingest.datasets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowReader;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;

/** Reads whole inputs for the dataset reader tests (test inputs are small; readers stream). */
final class DatasetReads {
    /** Label (or "(none)") and attack category counts, sorted for readable failures. */
    record Result(List<FlowRecord> flows, ReadErrors errors) {
        Map<String, Long> labels() {
            return count(flows.stream().map(f -> Objects.requireNonNullElse(f.getLabel(), NONE)).toList());
        }

        Map<String, Long> categories() {
            return count(flows.stream().map(f -> Objects.requireNonNullElse(f.getAttackCategory(), NONE)).toList());
        }

        FlowRecord single() {
            if (flows.size() != 1) throw new AssertionError("expected one flow, got " + flows.size() + "; errors " + errors.examples());
            return flows.get(0);
        }
    }

    static final String NONE = "(none)";

    private DatasetReads() {}

    /** Reads a real dataset file, detecting its format, and checks the detected id. */
    static Result file(Path path, String expectedFormat) {
        ReadErrors errors = ReadErrors.unlimited();
        try (FlowReader reader = FlowFiles.open(path, null, errors)) {
            if (!reader.format().id().equals(expectedFormat)) {
                throw new AssertionError(path + " detected as " + reader.format().id() + ", expected " + expectedFormat);
            }
            return drain(reader, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result text(FlowFormat format, String text) {
        ReadErrors errors = ReadErrors.unlimited();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (FlowReader reader = format.open(new ByteArrayInputStream(bytes), "inline", errors)) {
            return drain(reader, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileSample sample(String name, String text) {
        return new FileSample(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Result drain(FlowReader reader, ReadErrors errors) {
        List<FlowRecord> flows = new ArrayList<>();
        reader.forEachRemaining(flows::add);
        return new Result(flows, errors);
    }

    private static Map<String, Long> count(List<String> values) {
        Map<String, Long> out = new TreeMap<>();
        values.forEach(v -> out.merge(v, 1L, Long::sum));
        return out;
    }
}
