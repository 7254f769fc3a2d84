package org.flowsentry.job.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.flowsentry.core.flow.FlowValidation;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.ingest.csv.CsvFlowFormat;
import org.flowsentry.core.ingest.csv.CsvHeader;
import org.flowsentry.core.ingest.csv.CsvLayout;
import org.flowsentry.core.ingest.csv.CsvRow;
import org.flowsentry.core.ingest.csv.RowMapper;
import org.flowsentry.core.ingest.json.JsonFlowFormat;
import org.flowsentry.core.ingest.json.JsonMapper;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.job.support.DeadLetters.Kind;
import org.flowsentry.schema.FlowRecord;

/**
 * Decodes one message value of the flows topic with core's codecs, mappers and validation, and
 * reports every outcome to a {@link Results}; it never throws on input. Avro: one FlowRecord per
 * message. JSON and CSV: one flow per line, so a message may carry several (pmacct's
 * multi-value messages, batched replays); each bad line is reported with its own bytes.
 *
 * <p>CSV lines carry no header. Formats whose files have a header row need the column names
 * configured (the dataset's header line); a message line equal to that header is skipped, so a
 * replay that sends the header first does no harm. Header-less formats (NSL-KDD, raw UNSW-NB15)
 * use their fixed columns. Not thread-safe (a CSV mapper may keep notes): one per operator instance.
 */
public final class FlowDecoder {
    /** Receives the outcomes of one message. */
    public interface Results {
        void flow(FlowRecord flow);

        /** @param data the bytes refused (the whole message for Avro, the line for JSON and CSV) */
        void failed(Kind kind, String reason, byte[] data);

        /** A well-formed record that is deliberately not a flow (an exporter's marker, a repeated header). */
        void skipped(String what);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputFormat format;
    private final JsonMapper jsonMapper;
    private final CsvHeader csvHeader;
    private final RowMapper csvMapper;
    private final char csvSeparator;
    private final String csvHeaderLine;

    private FlowDecoder(InputFormat format, JsonMapper jsonMapper, CsvHeader csvHeader, RowMapper csvMapper,
                        char csvSeparator, String csvHeaderLine) {
        this.format = format;
        this.jsonMapper = jsonMapper;
        this.csvHeader = csvHeader;
        this.csvMapper = csvMapper;
        this.csvSeparator = csvSeparator;
        this.csvHeaderLine = csvHeaderLine;
    }

    /**
     * @param csvColumns for CSV formats with a header row: the header line of the data (required);
     *     ignored otherwise
     * @throws IllegalArgumentException when the configuration cannot decode anything (checked at job start)
     */
    public static FlowDecoder create(InputFormat format, String csvColumns) {
        if (format.isAvro()) return new FlowDecoder(format, null, null, null, (char) 0, null);
        if (format.isJson()) return new FlowDecoder(format, ((JsonFlowFormat) format.format()).mapper(), null, null, (char) 0, null);
        CsvFlowFormat csv = (CsvFlowFormat) format.format();
        CsvLayout layout = csv.layout();
        char separator = layout.separator();
        CsvHeader header;
        String headerLine = null;
        if (layout.hasHeaderRow()) {
            if (csvColumns == null || csvColumns.isBlank()) {
                throw new IllegalArgumentException(csv.id() + " lines carry no header on Kafka: configure the column names"
                        + " (the dataset's header line) with flowsentry.input.csv.columns");
            }
            headerLine = csvColumns.strip();
            if (separator == CsvLayout.AUTO) separator = guessSeparator(headerLine);
            List<String> names = splitLine(headerLine, separator);
            if (names == null) throw new IllegalArgumentException("unreadable CSV header: " + headerLine);
            header = new CsvHeader(names);
        } else {
            header = new CsvHeader(layout.fixedColumns());
        }
        RowMapper mapper;
        try {
            mapper = csv.mapper(header, "kafka", ReadErrors.unlimited());
        } catch (IOException e) {
            throw new IllegalArgumentException(csv.id() + " cannot use these columns: " + e.getMessage(), e);
        }
        return new FlowDecoder(format, null, header, mapper, separator, headerLine);
    }

    public InputFormat format() {
        return format;
    }

    /** Decodes one message value (not null). */
    public void decode(byte[] value, Results out) {
        if (format.isAvro()) {
            decodeAvro(value, out);
            return;
        }
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || value[i] == '\n') {
                int end = i;
                if (end > start && value[end - 1] == '\r') end--;
                if (end > start) decodeLine(Arrays.copyOfRange(value, start, end), out);
                start = i + 1;
            }
        }
    }

    private void decodeAvro(byte[] value, Results out) {
        FlowRecord flow;
        try {
            flow = AvroWire.FLOW_RECORD.decode(value);
        } catch (WireFormatException e) {
            out.failed(Kind.UNDECODABLE, e.getMessage(), value);
            return;
        }
        validated(flow, value, out);
    }

    private void decodeLine(byte[] line, Results out) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.isBlank()) return;
        try {
            if (format.isJson()) decodeJson(text, line, out);
            else decodeCsv(text, line, out);
        } catch (RuntimeException e) {
            // A mapper bug must not stop the job: the line goes to dead letters with the cause.
            out.failed(Kind.INVALID, "cannot map " + format.spec() + " record: " + e, line);
        }
    }

    private void decodeJson(String text, byte[] line, Results out) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            out.failed(Kind.UNDECODABLE, "invalid JSON: " + e.getOriginalMessage(), line);
            return;
        }
        if (node == null || !node.isObject()) {
            out.failed(Kind.UNDECODABLE, "not a JSON object", line);
            return;
        }
        FlowRecord flow;
        try {
            flow = jsonMapper.map(node);
        } catch (MalformedRowException e) {
            out.failed(Kind.INVALID, e.getMessage(), line);
            return;
        }
        if (flow == null) {
            out.skipped(format.spec() + " " + node.path("event_type").asText("non-flow record"));
            return;
        }
        validated(flow, line, out);
    }

    private void decodeCsv(String text, byte[] line, Results out) {
        if (csvHeaderLine != null && text.strip().equals(csvHeaderLine)) {
            out.skipped(format.spec() + " header line");
            return;
        }
        char separator = csvSeparator == CsvLayout.AUTO ? guessSeparator(text) : csvSeparator;
        List<String> fields = splitLine(text, separator);
        if (fields == null) {
            out.failed(Kind.UNDECODABLE, "unreadable CSV line (unbalanced quotes?)", line);
            return;
        }
        if (fields.size() != csvHeader.size()) {
            out.failed(Kind.UNDECODABLE, "expected " + csvHeader.size() + " fields, found " + fields.size(), line);
            return;
        }
        FlowRecord flow;
        try {
            flow = csvMapper.map(new CsvRow(csvHeader, fields.toArray(String[]::new), 1));
        } catch (MalformedRowException e) {
            out.failed(Kind.INVALID, e.getMessage(), line);
            return;
        }
        validated(flow, line, out);
    }

    private static void validated(FlowRecord flow, byte[] data, Results out) {
        String problem = FlowValidation.problem(flow);
        if (problem != null) out.failed(Kind.INVALID, problem, data);
        else out.flow(flow);
    }

    /** The fields of one CSV line, or null when FastCSV cannot read it or finds more than one record. */
    static List<String> splitLine(String line, char separator) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(separator)
                .ignoreDifferentFieldCount(true).ofCsvRecord(line)) {
            Iterator<CsvRecord> it = reader.iterator();
            if (!it.hasNext()) return List.of();
            List<String> fields = it.next().getFields();
            return it.hasNext() ? null : fields;
        } catch (CsvParseException | IOException e) {
            return null;
        }
    }

    /** Tab or comma, as core's CSV reader decides for files. */
    static char guessSeparator(String line) {
        int tabs = 0;
        int commas = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') tabs++;
            else if (c == ',') commas++;
        }
        return tabs > commas ? '\t' : ',';
    }
}
