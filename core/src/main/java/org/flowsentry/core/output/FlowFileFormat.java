package org.flowsentry.core.output;

import de.siegmar.fastcsv.writer.CsvWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.own.FlowRecordFields;
import org.flowsentry.core.ingest.own.OwnAvroFormat;
import org.flowsentry.core.ingest.own.OwnCsvFormat;
import org.flowsentry.core.ingest.own.OwnJsonFormat;
import org.flowsentry.schema.FlowRecord;

/** FlowSentry's own file formats; each writes what the matching reader format reads back. */
public enum FlowFileFormat {
    /** Avro container file, deflate-compressed; keeps the extra features map and the schema. */
    AVRO(OwnAvroFormat.INSTANCE),
    /** CSV with FlowRecord field names as header; leaves out the extra features map. */
    CSV(OwnCsvFormat.INSTANCE),
    /** One JSON object per line with FlowRecord field names. */
    JSON(OwnJsonFormat.INSTANCE);

    private final FlowFormat readFormat;

    FlowFileFormat(FlowFormat readFormat) {
        this.readFormat = readFormat;
    }

    /** The reader format that reads this output back. */
    public FlowFormat readFormat() {
        return readFormat;
    }

    /** The format named by a file's extension (.avro, .csv, .json/.jsonl, optionally .gz), or null. */
    public static FlowFileFormat fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        if (n.endsWith(".avro")) return AVRO;
        if (n.endsWith(".csv")) return CSV;
        if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) return JSON;
        return null;
    }

    /** Opens a writer; a file name ending in .gz is gzip-compressed (CSV and JSON). */
    public FlowWriter open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (this != AVRO && file.getFileName().toString().endsWith(".gz")) out = new GZIPOutputStream(out, 1 << 16);
        try {
            return open(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Opens a writer on a stream it owns and closes. */
    public FlowWriter open(OutputStream out) throws IOException {
        return switch (this) {
            case AVRO -> avro(out);
            case CSV -> csv(out);
            case JSON -> json(out);
        };
    }

    private static FlowWriter avro(OutputStream out) throws IOException {
        DataFileWriter<FlowRecord> w = new DataFileWriter<>(new SpecificDatumWriter<>(FlowRecord.class));
        w.setCodec(CodecFactory.deflateCodec(6));
        w.create(FlowRecord.getClassSchema(), out);
        return new FlowWriter() {
            @Override
            public void write(FlowRecord flow) throws IOException {
                w.append(flow);
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    private static FlowWriter csv(OutputStream out) {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CsvWriter w = CsvWriter.builder().lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF).build(text);
        w.writeRecord(FlowRecordFields.csvColumns());
        return new FlowWriter() {
            @Override
            public void write(FlowRecord flow) {
                w.writeRecord(FlowRecordFields.toCsv(flow));
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    private static FlowWriter json(OutputStream out) {
        ObjectMapper mapper = new ObjectMapper();
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        return new FlowWriter() {
            @Override
            public void write(FlowRecord flow) throws IOException {
                text.write(mapper.writeValueAsString(FlowRecordFields.toJson(flow)));
                text.write('\n');
            }

            @Override
            public void close() throws IOException {
                text.close();
            }
        };
    }
}
